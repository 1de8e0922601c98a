import SheetKit

/// The one implementation of the derived fields of DESIGN.md: direction, progress, score, status,
/// and the weighted roll-up to objectives. No I/O; every exporter and importer calls these.
public enum DerivedFields {
    /// Words in a key result's title that ask for a value to go down, folded (nl, fr, en).
    public static let decreaseVerbs: Set<String> = [
        "verlagen", "verlaag", "verlaagd", "verminderen", "verminder", "verkorten", "verkort", "reduceren", "reduceer",
        "terugdringen", "dringen", "beperken", "beperk", "afbouwen", "inkorten", "halveren", "dalen", "daling",
        "reduce", "reduced", "reducing", "lower", "lowering", "cut", "cutting", "decrease", "decreasing", "shorten",
        "minimise", "minimize", "halve", "drop",
        "reduire", "reduisez", "reduction", "diminuer", "diminution", "baisser", "baisse", "raccourcir", "limiter",
    ]

    /// Texts that mark a milestone as done, folded: ja / yes / oui / done / gereed / klaar / behaald / fait / ✓ / x / 1 / true.
    public static let milestoneDoneWords: Set<String> = [
        "ja", "yes", "oui", "done", "gereed", "klaar", "behaald", "fait", "faite", "✓", "✔", "x", "1", "true", "waar",
        "vrai", "afgerond", "voltooid", "achieved", "completed", "complete", "termine", "terminee", "atteint",
    ]

    /// Whether a milestone's current text says it is done.
    public static func milestoneDone(_ text: String) -> Bool {
        let folded = text.folded
        if milestoneDoneWords.contains(folded) { return true }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return trimmed == "✓" || trimmed == "✔" || trimmed == "☑"
    }

    /// increase when T > S, decrease when T < S; without S, from the comparator, then from a verb in the
    /// title; else increase.
    public static func direction(start: Double?, target: Double?, comparator: Comparator?, title: String) -> Direction {
        if let start, let target, start != target { return target > start ? .increase : .decrease }
        if let comparator { return comparator.wantsLow ? .decrease : .increase }
        if title.foldedWords.contains(where: { decreaseVerbs.contains(String($0)) }) { return .decrease }
        return .increase
    }

    /// progress = (C − S) / (T − S), floored at 0, not capped; without S, C / T for an increase and nil for
    /// a decrease. Comparator key results reach 1 as soon as the comparator holds. Milestones are 1 or 0.
    public static func progress(of kr: KeyResult) -> Double? {
        guard let current = kr.current else { return nil }
        if kr.kind == .milestone { return current >= 1 ? 1 : 0 }
        guard let target = kr.target else { return nil }
        if let comparator = kr.comparator {
            if comparator.holds(current, target) { return 1 }
            if let start = kr.start, start != target { return linear(current, start, target) }
            if comparator.wantsLow { return 0 }
            return target != 0 ? max(0, current / target) : nil
        }
        if let start = kr.start {
            return start != target ? linear(current, start, target) : nil
        }
        if kr.direction == .decrease { return nil }
        return target != 0 ? max(0, current / target) : nil
    }

    static func linear(_ c: Double, _ s: Double, _ t: Double) -> Double {
        max(0, (c - s) / (t - s))
    }

    /// min(1, progress) on the 0.0–1.0 scale, one decimal (half up: 0.35 → 0.4).
    public static func score(_ progress: Double?) -> Double? {
        guard let progress else { return nil }
        return (min(1, max(0, progress)) * 10 + 1e-9).rounded(.toNearestOrAwayFromZero) / 10
    }

    /// The share of the time between the period's start and `end` that has passed at `asOf`, 0…1.
    public static func expectedProgress(periodStart: CivilDate, end: CivilDate, asOf: CivilDate) -> Double {
        let total = end.daysSinceEpoch - periodStart.daysSinceEpoch
        let elapsed = asOf.daysSinceEpoch - periodStart.daysSinceEpoch
        guard total > 0 else { return asOf >= end ? 1 : 0 }
        return min(1, max(0, Double(elapsed) / Double(total)))
    }

    /// The status rules: not started without a current value; achieved from progress 1 (or a comparator that
    /// holds); with a period and an as-of date, by the gap to the progress expected by elapsed time; else by
    /// the no-date bands.
    ///
    /// - Parameters:
    ///   - hasCurrent: whether a current value exists.
    ///   - deadline: the key result's deadline, else the period's end is used.
    ///   - milestone: a milestone is done or not: not done is on track until its deadline, off track after
    ///     (a linear expectation would call every unfinished milestone late).
    public static func status(progress: Double?, hasCurrent: Bool, type: ObjectiveType, period: Period?,
                              asOf: CivilDate?, deadline: CivilDate?, thresholds: StatusThresholds,
                              milestone: Bool = false) -> Status? {
        guard hasCurrent else { return .notStarted }
        guard let progress else { return nil }
        if progress >= 1 { return .achieved }
        if milestone {
            guard let asOf, let end = deadline ?? period?.end else { return .onTrack }
            return asOf > end ? .offTrack : .onTrack
        }
        if let period, let asOf {
            let end = deadline ?? period.end
            if asOf > end { return .offTrack }
            var expected = expectedProgress(periodStart: period.start, end: end, asOf: asOf)
            if type == .aspirational { expected *= thresholds.aspirationalFactor }
            let gap = expected - progress
            if gap <= thresholds.onTrackGap + 1e-12 { return .onTrack }
            if gap <= thresholds.atRiskGap + 1e-12 { return .atRisk }
            return .offTrack
        }
        if progress >= thresholds.onTrackProgress { return .onTrack }
        if progress >= thresholds.atRiskProgress { return .atRisk }
        return .offTrack
    }

    /// Fills direction, target (from a change percentage), progress, score and status of one key result.
    ///
    /// - Returns: the findings the computation itself raises (start equal to target, a decrease without start).
    @discardableResult
    public static func evaluate(_ kr: inout KeyResult, type: ObjectiveType, period: Period?, asOf: CivilDate?,
                                thresholds: StatusThresholds = StatusThresholds()) -> [Finding] {
        var findings: [Finding] = []
        if kr.target == nil, let change = kr.changePercent, let start = kr.start {
            kr.target = start * (1 + change)
        }
        if kr.kind == .metric {
            kr.direction = direction(start: kr.start, target: kr.target, comparator: kr.comparator, title: kr.title)
            if let start = kr.start, let target = kr.target, start == target, kr.comparator == nil {
                findings.append(Finding(.error, "kr-start-equals-target",
                    "key result \"\(kr.title)\" has its start equal to its target (\(CellValue.numberText(start))): nothing to progress",
                    source: kr.source))
            }
        }
        kr.progress = progress(of: kr)
        if kr.progress == nil, kr.current != nil, kr.kind == .metric, kr.target != nil, kr.start == nil, kr.direction == .decrease {
            findings.append(Finding(.warning, "kr-decrease-needs-start",
                "key result \"\(kr.title)\" goes down but has no start value, so its progress cannot be computed; add a start",
                source: kr.source))
        }
        kr.score = score(kr.progress)
        let holds = kr.comparator.flatMap { c in kr.current.flatMap { cur in kr.target.map { c.holds(cur, $0) } } } ?? false
        kr.status = holds ? .achieved : status(progress: kr.progress, hasCurrent: kr.current != nil, type: type,
                                                period: period, asOf: asOf, deadline: kr.deadline, thresholds: thresholds,
                                                milestone: kr.kind == .milestone)
        return findings
    }

    /// Evaluates the key results of an objective, then rolls them up: progress is the weighted mean of
    /// min(1, progress), a key result without a current value counting 0 (one whose progress cannot be
    /// computed is left out); `not_started` when no key result has a current value.
    @discardableResult
    public static func evaluate(_ objective: inout Objective, period: Period?, asOf: CivilDate?,
                                thresholds: StatusThresholds = StatusThresholds()) -> [Finding] {
        var findings: [Finding] = []
        for i in objective.keyResults.indices {
            findings += evaluate(&objective.keyResults[i], type: objective.type, period: period, asOf: asOf, thresholds: thresholds)
        }
        var weighted = 0.0, weights = 0.0
        for kr in objective.keyResults {
            if kr.current == nil {
                weights += kr.weight
            } else if let p = kr.progress {
                weighted += kr.weight * min(1, p)
                weights += kr.weight
            }
        }
        objective.progress = weights > 0 ? weighted / weights : nil
        objective.score = score(objective.progress)
        let started = objective.keyResults.contains { $0.current != nil }
        objective.status = status(progress: objective.progress, hasCurrent: started, type: objective.type,
                                  period: period, asOf: asOf, deadline: nil, thresholds: thresholds)
        return findings
    }

    /// Evaluates every objective of the model with its period and as-of date, appending the findings, and
    /// every KPI with ``KPIDerived``.
    public static func evaluate(_ model: inout OKRModel, thresholds: StatusThresholds = StatusThresholds()) {
        for i in model.objectives.indices {
            model.findings += evaluate(&model.objectives[i], period: model.period, asOf: model.asOf, thresholds: thresholds)
        }
        KPIDerived.evaluate(&model)
    }
}
