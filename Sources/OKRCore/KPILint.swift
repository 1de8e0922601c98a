import SheetKit

/// The seeds' rules for good KPIs (seeds 002, 003, 004), as `check` applies them to a model whose KPI
/// fields are derived. The severities and their reasons are in docs/kpi-model.md:
/// - error: a target that is words rather than a number (`meer`, `better`, `mieux`): not SMART, it can
///   never be judged (like a key result that is not measurable);
/// - warning: a KPI without owner, target or frequency; without a link to an objective or key result
///   (the seeds' "KPI zonder strategische link"), or with a link to one that is not in the file; more than
///   5 KPIs for one team or more than 5 company-wide; limits that contradict the direction; a stale KPI;
/// - note: fewer than 3 company-wide KPIs.
public enum KPILint {
    /// Most KPIs per team, department or individual (seeds 003 and 004: 3 to 5 per team).
    public static let maxPerTeam = 5
    /// Most company-wide KPIs (seed 003: 3 to 5 for the whole company).
    public static let maxCompanyWide = 5
    /// Fewer company-wide KPIs than this earns a note.
    public static let minCompanyWide = 3

    /// Words that state a wish rather than a target, folded (nl, fr, en): a target made only of these
    /// (`meer`, `beter`, `zo hoog mogelijk`, `more`, `better`, `plus`, `mieux`) is not SMART.
    public static let vagueWords: Set<String> = [
        "meer", "beter", "hoger", "groei", "groeien", "stijging", "verhogen", "verbeteren", "verbetering", "minder",
        "lager", "verlagen", "omhoog", "omlaag", "zo", "veel", "mogelijk", "positief", "goed", "top",
        "more", "better", "higher", "increase", "improve", "improvement", "grow", "growth", "up", "less", "lower",
        "fewer", "decrease", "reduce", "as", "possible", "much", "many", "good", "positive", "max", "maximum",
        "plus", "mieux", "davantage", "hausse", "augmenter", "ameliorer", "amelioration", "croissance", "moins",
        "baisse", "reduire", "diminuer", "le", "la", "bien", "bon", "haut", "bas", "que",
    ]

    /// Every finding of the KPI rules, in KPI order, then the counts.
    public static func check(_ model: OKRModel) -> [Finding] {
        var findings: [Finding] = []
        let known = Set(model.objectives.flatMap { [$0.id] + $0.keyResults.map(\.id) })
        for kpi in model.kpis {
            findings += check(kpi, knownIDs: known, asOf: model.asOf)
        }
        findings += counts(model.kpis)
        return findings
    }

    /// The rules for one KPI.
    ///
    /// - Parameter knownIDs: the ids of the model's objectives and key results; empty when the file has no
    ///   OKRs, and then links are not checked against them.
    public static func check(_ kpi: KPI, knownIDs: Set<String>, asOf: CivilDate?) -> [Finding] {
        var findings: [Finding] = []
        let name = "KPI \"\(kpi.name)\""
        if kpi.owner == nil {
            findings.append(Finding(.warning, "kpi-missing-owner",
                "\(name) has no owner; someone must be able to act on it", source: kpi.source))
        }
        if let text = kpi.targetText, kpi.target == nil {
            let vague = isVague(text)
            findings.append(Finding(.error, "kpi-not-smart", vague
                ? "\(name) has target \"\(text)\", which only says which way to go: not SMART; state the number to reach (seed 004: not \"meer leads\" but \"van 150 naar 220 per maand\")"
                : "\(name) has target \"\(text)\", which is not a number: not measurable; state the number to reach",
                source: kpi.source))
        } else if kpi.target == nil, kpi.limits?.green == nil, kpi.limits?.red == nil {
            findings.append(Finding(.warning, "kpi-missing-target",
                "\(name) has no target, norm or limits, so its status cannot be judged", source: kpi.source))
        }
        if kpi.frequency == nil {
            let label = kpi.frequencyLabel.map { " (\"\($0)\" is not daily, weekly, monthly, quarterly or yearly)" } ?? ""
            findings.append(Finding(.warning, "kpi-missing-frequency",
                "\(name) has no measuring frequency\(label)", source: kpi.source))
        }
        if kpi.links.isEmpty {
            findings.append(Finding(.warning, "kpi-without-link",
                "\(name) is not linked to any objective or key result: a KPI without a strategy link is a loose measurement (seed 004)",
                source: kpi.source))
        } else if !knownIDs.isEmpty {
            for link in kpi.links where !knownIDs.contains(link) {
                findings.append(Finding(.warning, "kpi-unknown-link",
                    "\(name) is linked to \"\(link)\", which is no objective or key result in this file", source: kpi.source))
            }
        }
        if let green = kpi.limits?.green, let red = kpi.limits?.red, green != red,
           (green > red) != (kpi.direction == .higher) {
            findings.append(Finding(.warning, "kpi-limits-direction",
                "\(name): green from \(CellValue.numberText(green)) and red beyond \(CellValue.numberText(red)) mean "
                    + "\(green > red ? "higher" : "lower") is better, but its direction says \(kpi.direction.rawValue)",
                source: kpi.source))
        }
        if kpi.stale == true, let asOf, let kind = KPIDerived.rhythm(of: kpi) {
            let full = KPIDerived.lastFullPeriod(kind, asOf: asOf)
            let last = kpi.latestPeriod.map { "; the latest is for \($0)" } ?? "; it has no values yet"
            findings.append(Finding(.warning, "kpi-stale",
                "\(name) has no value for \(full), the last full \(kind.rawValue) at \(asOf)\(last)", source: kpi.source))
        }
        return findings
    }

    /// Whether a target text only states a direction (`meer`, `zo hoog mogelijk`, `better`, `mieux`).
    public static func isVague(_ text: String) -> Bool {
        let words = text.foldedWords
        return !words.isEmpty && words.allSatisfy { vagueWords.contains(String($0)) }
    }

    /// The team whose KPI set a KPI belongs to: its level label, for KPIs below the company level.
    static func team(_ kpi: KPI) -> String? {
        guard let level = kpi.level, level != .company else { return nil }
        return kpi.levelLabel ?? level.rawValue
    }

    /// At most 5 per team; 3 to 5 company-wide. A KPI set at company level, or with no level at all (a
    /// sheet without a level column is one organisation's list), counts as company-wide.
    static func counts(_ kpis: [KPI]) -> [Finding] {
        var findings: [Finding] = []
        var groups: [String: [KPI]] = [:]
        var order: [String] = []
        var company: [KPI] = []
        for kpi in kpis {
            if let team = team(kpi) {
                if groups[team] == nil { order.append(team) }
                groups[team, default: []].append(kpi)
            } else {
                company.append(kpi)
            }
        }
        for team in order {
            guard let list = groups[team], list.count > maxPerTeam else { continue }
            findings.append(Finding(.warning, "too-many-kpis",
                "\"\(team)\" has \(list.count) KPIs; keep 3 to 5 per team so that each one gets attention",
                source: list[maxPerTeam].source))
        }
        if company.count > maxCompanyWide {
            findings.append(Finding(.warning, "too-many-kpis",
                "\(company.count) company-wide KPIs; keep 3 to 5 for the whole company", source: company[maxCompanyWide].source))
        } else if !company.isEmpty, company.count < minCompanyWide {
            findings.append(Finding(.note, "few-company-kpis",
                "only \(company.count) company-wide KPI\(company.count == 1 ? "" : "s"); the seeds advise 3 to 5 for the whole company",
                source: company[0].source))
        }
        return findings
    }
}
