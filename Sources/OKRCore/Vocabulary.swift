/// The level an objective is set at.
public enum Level: String, Sendable, Hashable, Codable, CaseIterable {
    case company, department, team, individual
}

/// Committed objectives must be met; aspirational ones are stretch goals (expected progress × 0.7).
public enum ObjectiveType: String, Sendable, Hashable, Codable, CaseIterable {
    case committed, aspirational
}

/// Whether a key result wants its value to go up or down.
public enum Direction: String, Sendable, Hashable, Codable, CaseIterable {
    case increase, decrease
}

/// A metric is measured by a number; a milestone is done or not done.
public enum KeyResultKind: String, Sendable, Hashable, Codable, CaseIterable {
    case metric, milestone
}

/// A "stay above/below" target: `≥ 8`, `< 1 uur`, `≥ 95% behouden`.
public enum Comparator: String, Sendable, Hashable, Codable, CaseIterable {
    case atLeast = ">="
    case above = ">"
    case atMost = "<="
    case below = "<"

    /// Whether `value` satisfies the comparator against `bound`.
    public func holds(_ value: Double, _ bound: Double) -> Bool {
        switch self {
        case .atLeast: return value >= bound
        case .above: return value > bound
        case .atMost: return value <= bound
        case .below: return value < bound
        }
    }

    /// `<=` and `<` ask for a value to stay low.
    public var wantsLow: Bool { self == .atMost || self == .below }
}

/// Where a key result or objective stands.
public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
    case achieved
    case onTrack = "on_track"
    case atRisk = "at_risk"
    case offTrack = "off_track"
    case notStarted = "not_started"
}
