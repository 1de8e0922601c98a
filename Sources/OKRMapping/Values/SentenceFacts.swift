import OKRCore
import SheetKit

/// What a key result's own words state: `van 7 → 8,5`, `verhogen met 20%`, `vóór 1 juli`.
///
/// Percentages are fractions (`25%` → 0.25), as everywhere in the model.
public struct SentenceFacts: Sendable, Hashable {
    /// The value the key result starts from (`van 7 naar 8,5` → 7).
    public var start: Double?
    /// The value to reach (`naar 8,5` → 8.5, `Conversieratio van 25%` → 0.25).
    public var target: Double?
    /// `percent`, `currency:EUR`, `days`, `hours`, `ratio`… or the word the number counts (`leads`).
    public var unit: String?
    /// A "stay above/below" bound: `≥ 8`, `< 1 uur`, `minstens 5.000`, `95% … behouden`.
    public var comparator: Comparator?
    /// A relative target stated as a change (`verhogen met 20%` → 0.2, `verminderen met 20%` → −0.2,
    /// `verdubbelen` → 1.0); only set when the sentence states no target of its own.
    public var changePercent: Double?
    /// The day the sentence sets (`vóór 1 juli`, `tegen eind Q3`, `in Q2` → the quarter's last day).
    public var deadline: CivilDate?
    /// Whether the key result is a milestone: no number to reach, but a completion verb
    /// (`afronden`, `implementeren`, `lanceren`, `Lever … op`, `launch`, `livrer`…).
    public var milestone: Bool
    /// What was found, in this order: `start`, `target`, `comparator`, `changePercent`, `unit`, `deadline`.
    public var inferred: [String]
    /// Whether a number taken was left ambiguous by the decimal convention (`1.200` with no known
    /// convention): the import should warn, as for a cell (see ``Quantity/ambiguous``).
    public var ambiguous = false

    public init(start: Double? = nil, target: Double? = nil, unit: String? = nil, comparator: Comparator? = nil,
                changePercent: Double? = nil, deadline: CivilDate? = nil, milestone: Bool = false) {
        self.start = start
        self.target = target
        self.unit = unit
        self.comparator = comparator
        self.changePercent = changePercent
        self.deadline = deadline
        self.milestone = milestone
        self.inferred = []
        inferred = names
    }

    /// The names of the fields that are set, in the documented order.
    var names: [String] {
        var out: [String] = []
        if start != nil { out.append("start") }
        if target != nil { out.append("target") }
        if comparator != nil { out.append("comparator") }
        if changePercent != nil { out.append("changePercent") }
        if unit != nil { out.append("unit") }
        if deadline != nil { out.append("deadline") }
        return out
    }
}
