import SheetKit

/// The seed's rules for good OKRs, as `check` applies them to a model whose derived fields are computed.
///
/// Severities follow DESIGN.md: errors for what cannot be measured or breaks a hard limit, warnings for
/// what a coordinator should look at, notes for advice.
public enum OKRLint {
    /// Most key results an objective may have.
    public static let maxKeyResults = 5
    /// Most objectives per owner or level before a warning.
    public static let maxObjectivesPerOwner = 5
    /// Fewer objectives than this earns a note.
    public static let minObjectives = 3

    /// Every finding of the rules, in model order.
    public static func check(_ model: OKRModel) -> [Finding] {
        var findings: [Finding] = []
        if !model.objectives.isEmpty, model.objectives.count < minObjectives {
            findings.append(Finding(.note, "few-objectives",
                "only \(model.objectives.count) objective\(model.objectives.count == 1 ? "" : "s"); the seed advises 3 to 5 for an organisation",
                source: model.objectives.first?.source))
        }
        findings += crowded(model, key: { $0.owner }, what: "owner")
        findings += crowded(model, key: { $0.levelLabel ?? $0.level?.rawValue }, what: "level")

        var seen: [String: KeyResult] = [:]
        var allDeadlines: [CivilDate] = []
        for objective in model.objectives {
            if objective.keyResults.count > maxKeyResults {
                findings.append(Finding(.error, "too-many-key-results",
                    "objective \"\(objective.title)\" has \(objective.keyResults.count) key results; at most \(maxKeyResults)",
                    source: objective.source ?? objective.keyResults.first?.source))
            }
            if objective.keyResults.isEmpty {
                findings.append(Finding(.warning, "objective-without-key-results",
                    "objective \"\(objective.title)\" has no key results, so its progress cannot be measured", source: objective.source))
            }
            for kr in objective.keyResults {
                findings += check(kr, in: objective)
                if let deadline = kr.deadline { allDeadlines.append(deadline) }
                let key = kr.title.folded
                if !key.isEmpty {
                    if let first = seen[key] {
                        findings.append(Finding(.warning, "duplicate-key-result",
                            "key result \"\(kr.title)\" appears twice (also \(first.id)\(first.source.map { " at " + $0.location } ?? ""))",
                            source: kr.source))
                    } else {
                        seen[key] = kr
                    }
                }
            }
        }
        if let period = model.period, allDeadlines.count >= 2, allDeadlines.allSatisfy({ $0 == period.end }) {
            findings.append(Finding(.warning, "deadlines-all-period-end",
                "every deadline is the period's last day (\(period.end)); use the real dates by which each result is due",
                source: model.objectives.first?.keyResults.first?.source))
        }
        return findings
    }

    static func check(_ kr: KeyResult, in objective: Objective) -> [Finding] {
        var findings: [Finding] = []
        if kr.kind == .metric, kr.target == nil {
            let message = kr.changePercent.map { change in
                "key result \"\(kr.title)\" is not measurable yet: it asks for a change of "
                    + "\(CellValue.numberText((change * 1000).rounded() / 10))% but has no start value to apply it to; add the start (baseline)"
            } ?? "key result \"\(kr.title)\" is not measurable: it has no numeric target and is not a milestone"
            findings.append(Finding(.error, "kr-not-measurable", message, source: kr.source))
        }
        if kr.owner == nil, objective.owner == nil {
            findings.append(Finding(.warning, "kr-missing-owner", "key result \"\(kr.title)\" has no owner", source: kr.source))
        }
        if kr.deadline == nil {
            findings.append(Finding(.warning, "kr-missing-deadline", "key result \"\(kr.title)\" has no deadline", source: kr.source))
        }
        // A status can only be checked against numbers that exist.
        if let reported = kr.reportedStatus, let computed = kr.status, kr.current != nil, contradicts(reported, computed) {
            findings.append(Finding(.warning, "status-contradiction",
                "key result \"\(kr.title)\" is reported as \(reported.rawValue) but its numbers say \(computed.rawValue)"
                    + (kr.progress.map { " (progress \(CellValue.numberText(($0 * 1000).rounded() / 10))%)" } ?? ""),
                source: kr.source))
        }
        return findings
    }

    /// Whether a reported status disagrees with the computed one (any difference counts: a board wants
    /// to know when a team reports "on track" while its numbers say "at risk").
    public static func contradicts(_ reported: Status, _ computed: Status) -> Bool {
        reported != computed
    }

    static func crowded(_ model: OKRModel, key: (Objective) -> String?, what: String) -> [Finding] {
        var groups: [String: [Objective]] = [:]
        var order: [String] = []
        for objective in model.objectives {
            guard let k = key(objective), !k.isEmpty else { continue }
            if groups[k] == nil { order.append(k) }
            groups[k, default: []].append(objective)
        }
        return order.compactMap { k in
            guard let list = groups[k], list.count > maxObjectivesPerOwner else { return nil }
            return Finding(.warning, "too-many-objectives",
                "\(what) \"\(k)\" has \(list.count) objectives; focus on at most \(maxObjectivesPerOwner)", source: list[maxObjectivesPerOwner].source)
        }
    }
}
