import SheetKit

/// One KPI (key performance indicator): what the KPI sheet says about it, its values per period, and the
/// fields derived from them by ``KPIDerived`` (docs/kpi-model.md).
///
/// OKRs decide what matters now; KPIs watch that the business stays healthy (seed 002: strategy →
/// objectives → key results → KPIs). A KPI is linked to the key results (or objectives) it serves through
/// ``links``: that is the KPI tree.
public struct KPI: Sendable, Hashable {
    /// The sheet's id column, else `K1`, `K2`… in sheet order.
    public var id: String
    public var name: String
    public var owner: String?
    /// As for key results: `percent` (values as fractions), `currency:EUR`, `count`, `days`… or the free
    /// text found (`leads`).
    public var unit: String?
    /// Whether a higher or a lower value is better.
    public var direction: KPIDirection = .higher
    /// The baseline the KPI starts from (`Nulmeting`, `Baseline`), when the sheet gives one.
    public var start: Double?
    /// The target or norm (`Doel`, `Norm`, `Cible`, `Target`).
    public var target: Double?
    /// The target as written when it is not a number (`meer`, `better`, `mieux`): kept so that `check` can
    /// say it is not SMART. Nil when the target is a number or absent.
    public var targetText: String?
    /// The green/red limits as the sheet states them; nil when it states none (``KPIDerived`` then
    /// derives them from the target).
    public var limits: KPILimits?
    public var frequency: KPIFrequency?
    /// The frequency as the sheet writes it (`Maandelijks`), also when it is not one okrsheet knows.
    public var frequencyLabel: String?
    /// As for objectives: `company`, `department`, `team`, `individual`.
    public var level: Level?
    /// The level as the sheet writes it (`Marketing`, `Bedrijf`).
    public var levelLabel: String?
    /// The ids of the key results (or objectives) this KPI serves: the KPI tree.
    public var links: [String] = []
    /// The measured values, in period order, at most one per period.
    public var values: [KPIValue] = []

    // Derived by KPIDerived.
    /// The value of the latest period that has started by the as-of date.
    public var latest: Double?
    /// The period of ``latest``.
    public var latestPeriod: KPIPeriod?
    /// ``latest`` minus the value of the period before ``latestPeriod`` at the KPI's rhythm; nil when that
    /// period has none.
    public var change: Double?
    /// ``change`` divided by the size of the previous value; nil when it is zero or missing.
    public var changeRelative: Double?
    /// ``latest`` judged against the limits.
    public var status: KPIStatus?
    /// Whether the last full period at the as-of date has no value (nil without an as-of date or a rhythm).
    public var stale: Bool?
    public var source: OKRSource?

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}

/// Whether a KPI is better when higher (NPS, leads) or when lower (churn, cost per acquisition, wait time).
public enum KPIDirection: String, Sendable, Hashable, Codable, CaseIterable {
    case higher, lower
}

/// How often a KPI is measured: operational KPIs daily or weekly, tactical ones monthly, strategic ones
/// quarterly (seed 003).
public enum KPIFrequency: String, Sendable, Hashable, Codable, CaseIterable {
    case daily, weekly, monthly, quarterly, yearly

    /// The period kind of one measurement.
    public var periodKind: KPIPeriod.Kind {
        switch self {
        case .daily: return .day
        case .weekly: return .week
        case .monthly: return .month
        case .quarterly: return .quarter
        case .yearly: return .year
        }
    }
}

/// Where a KPI's latest value stands.
public enum KPIStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case green, amber, red
    /// No value to judge, or nothing to judge it against (no target and no limits).
    case noData = "no_data"
}

/// The two limits that cut a KPI's values into green, amber and red, read in the KPI's direction.
///
/// "≥ 25 green, 20–25 amber, < 20 red" (higher is better) is `green: 25, red: 20`; "≤ 25 green, 25–30
/// amber, > 30 red" (lower is better) is `green: 25, red: 30`. A value on a limit belongs to the better
/// band: with `green: 25, red: 20`, 25 is green and 20 is amber. Either limit may be missing (see
/// ``KPIDerived/effectiveLimits(of:)``).
public struct KPILimits: Sendable, Hashable, Codable {
    /// The value from which (higher) or up to which (lower) the KPI is green.
    public var green: Double?
    /// The value beyond which the KPI is red: below it (higher is better) or above it (lower is better).
    public var red: Double?

    public init(green: Double? = nil, red: Double? = nil) {
        self.green = green
        self.red = red
    }

    enum CodingKeys: String, CodingKey { case green, red }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        green = try c.decodeIfPresent(Double.self, forKey: .green)
        red = try c.decodeIfPresent(Double.self, forKey: .red)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(green, forKey: .green)
        try c.encode(red, forKey: .red)
    }
}

/// One measured value of a KPI.
public struct KPIValue: Sendable, Hashable {
    public var period: KPIPeriod
    public var value: Double

    public init(period: KPIPeriod, value: Double) {
        self.period = period
        self.value = value
    }
}
