import SheetKit

/// The one implementation of a KPI's derived fields (docs/kpi-model.md): latest value, change, status
/// and staleness. No I/O; importers, `check`, `update` and the reports all call these.
public enum KPIDerived {
    /// Without a red limit, the amber band reaches this share of the green limit's size beyond it:
    /// target 30 (higher is better) → red below 27; norm 25 (lower is better) → red above 27.5.
    public static let defaultAmberBand = 0.10

    /// The values the derived fields look at: those of periods that have started by `asOf` (all of them
    /// without an as-of date). A sheet that already holds next month's figure (a forecast, a budget)
    /// keeps it in the series, but it does not count as the latest value yet.
    public static func countedValues(_ kpi: KPI, asOf: CivilDate?) -> [KPIValue] {
        guard let asOf else { return kpi.values }
        return kpi.values.filter { $0.period.start <= asOf }
    }

    /// The green and red limits the status uses, in the KPI's direction:
    /// - green: the stated green limit, else the target;
    /// - red: the stated red limit; else, when the sheet states a green limit, the green limit itself
    ///   (two bands, no amber); else (the target alone) the target moved by ``defaultAmberBand`` of its
    ///   size in the bad direction;
    /// - with a red limit only, green starts where red ends (two bands, no amber).
    ///
    /// - Returns: nil when there is neither a target nor a limit: nothing to judge a value against.
    public static func effectiveLimits(of kpi: KPI) -> (green: Double, red: Double)? {
        let stated = kpi.limits
        guard let green = stated?.green ?? kpi.target ?? stated?.red else { return nil }
        if let red = stated?.red { return (green, red) }
        if stated?.green != nil { return (green, green) }
        let band = abs(green) * defaultAmberBand
        return (green, kpi.direction == .higher ? green - band : green + band)
    }

    /// `green` when the value is at or beyond the green limit, `amber` when it is not beyond the red
    /// limit, else `red` ("beyond" in the KPI's direction; a value on a limit is in the better band);
    /// `no_data` without a value or without limits.
    public static func status(of value: Double?, direction: KPIDirection, limits: (green: Double, red: Double)?) -> KPIStatus {
        guard let value, let limits else { return .noData }
        switch direction {
        case .higher:
            if value >= limits.green { return .green }
            return value >= limits.red ? .amber : .red
        case .lower:
            if value <= limits.green { return .green }
            return value <= limits.red ? .amber : .red
        }
    }

    /// The rhythm a KPI is measured on: its frequency, else the kind its values share; nil when neither
    /// tells.
    public static func rhythm(of kpi: KPI) -> KPIPeriod.Kind? {
        if let frequency = kpi.frequency { return frequency.periodKind }
        guard let first = kpi.values.first?.period.kind, kpi.values.allSatisfy({ $0.period.kind == first }) else { return nil }
        return first
    }

    /// The period before the one `period` falls in, at the coarser of the KPI's rhythm and the period's own
    /// kind: for a monthly KPI the month before; for a quarterly KPI whose values sit in month columns
    /// (March, June…) the quarter before.
    public static func previousPeriod(of period: KPIPeriod, rhythm: KPIPeriod.Kind?) -> KPIPeriod {
        let order: [KPIPeriod.Kind] = [.day, .week, .month, .quarter, .year]
        let own = period.kind
        let kind = rhythm.map { (order.firstIndex(of: $0) ?? 0) > (order.firstIndex(of: own) ?? 0) ? $0 : own } ?? own
        return KPIPeriod.containing(period.start, kind: kind).previous
    }

    /// The last full period of `kind` at `asOf`: the one before the period that holds the as-of day (that
    /// day is not over, so its period is not full).
    public static func lastFullPeriod(_ kind: KPIPeriod.Kind, asOf: CivilDate) -> KPIPeriod {
        KPIPeriod.containing(asOf, kind: kind).previous
    }

    /// Fills the derived fields of one KPI (and sorts its values by period).
    ///
    /// - latest: the value of the latest period that has started by `asOf` (``countedValues(_:asOf:)``);
    /// - change: latest minus the (last) value within the period before the latest one, at the KPI's
    ///   rhythm (``previousPeriod(of:rhythm:)``); nil when that period has no value: a gap is not a change.
    ///   changeRelative: change ÷ |previous| (nil when previous is 0);
    /// - status: ``status(of:direction:limits:)`` of the latest value with ``effectiveLimits(of:)``;
    /// - stale: with an as-of date and a ``rhythm(of:)``, true when no value's period reaches the end of
    ///   the last full period (``lastFullPeriod(_:asOf:)``): no values at all, or the latest one is older.
    ///   A value for a later (current) period counts as up to date. Nil otherwise.
    public static func evaluate(_ kpi: inout KPI, asOf: CivilDate?) {
        kpi.values.sort { $0.period < $1.period }
        let counted = countedValues(kpi, asOf: asOf)
        let latest = counted.last
        kpi.latest = latest?.value
        kpi.latestPeriod = latest?.period
        kpi.change = nil
        kpi.changeRelative = nil
        if let latest {
            let before = previousPeriod(of: latest.period, rhythm: rhythm(of: kpi))
            if let previous = counted.last(where: { $0.period.start >= before.start && $0.period.end <= before.end }) {
                kpi.change = latest.value - previous.value
                kpi.changeRelative = previous.value != 0 ? (latest.value - previous.value) / abs(previous.value) : nil
            }
        }
        kpi.status = status(of: kpi.latest, direction: kpi.direction, limits: effectiveLimits(of: kpi))
        if let asOf, let kind = rhythm(of: kpi) {
            let full = lastFullPeriod(kind, asOf: asOf)
            kpi.stale = latest.map { $0.period.end < full.end } ?? true
        } else {
            kpi.stale = nil
        }
    }

    /// Evaluates every KPI of the model at its as-of date.
    public static func evaluate(_ model: inout OKRModel) {
        for i in model.kpis.indices {
            evaluate(&model.kpis[i], asOf: model.asOf)
        }
    }
}
