import SheetKit

/// One key result: what the template says, and the fields derived from it by ``DerivedFields``.
public struct KeyResult: Sendable, Hashable {
    public var id: String
    public var title: String
    public var owner: String?
    /// `percent` (values as fractions), `currency:EUR`, `count`, `days`… or the free text found.
    public var unit: String?
    public var start: Double?
    public var target: Double?
    /// For a milestone: 1 when done, 0 when not.
    public var current: Double?
    public var comparator: Comparator?
    /// A relative target stated as a change (`verhogen met 20%` → 0.2).
    public var changePercent: Double?
    public var direction: Direction = .increase
    public var kind: KeyResultKind = .metric
    public var deadline: CivilDate?
    public var weight: Double = 1
    public var progress: Double?
    public var score: Double?
    public var status: Status?
    /// The status the sheet itself shows.
    public var reportedStatus: Status?
    /// Fields taken from the key result's sentence rather than a column: `start`, `target`, `deadline`…
    public var inferred: [String] = []
    public var source: OKRSource?

    public init(id: String, title: String) {
        self.id = id
        self.title = title
    }
}

/// One objective with its key results.
public struct Objective: Sendable, Hashable {
    public var id: String
    public var title: String
    public var level: Level?
    /// The level as the template writes it (`Marketing`, `Bedrijf`).
    public var levelLabel: String?
    public var owner: String?
    public var type: ObjectiveType = .committed
    /// The id of the parent objective.
    public var parent: String?
    public var weight: Double = 1
    public var progress: Double?
    public var score: Double?
    public var status: Status?
    public var keyResults: [KeyResult] = []
    public var source: OKRSource?

    public init(id: String, title: String) {
        self.id = id
        self.title = title
    }
}

/// The OKR model: what `convert … out.json` writes (DESIGN.md, "The OKR model").
public struct OKRModel: Sendable, Hashable {
    /// `nl`, `fr` or `en`: picks the labels of exports.
    public var language: String = "en"
    public var period: Period?
    public var asOf: CivilDate?
    public var objectives: [Objective] = []
    /// The KPIs beside the OKRs (docs/kpi-model.md); in JSON only when there are some.
    public var kpis: [KPI] = []
    public var findings: [Finding] = []

    public init() {}
}
