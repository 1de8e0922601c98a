/// The fields of a template a mapping can point at.
public enum OKRField: String, Sendable, Hashable, CaseIterable, Codable {
    case id
    case objectiveId = "objective_id"
    case level, objective
    case keyResult = "key_result"
    case objectiveOwner = "objective_owner"
    case owner, type, parent, weight
    case objectiveWeight = "objective_weight"
    case itemType = "item_type"
    case title
    case unit, start, target, current, comparator, change, kind, deadline, period, status, progress, score, inferred, comment

    /// The key in `inspect --format json`'s `mapping` (camelCase, like the model).
    public var modelKey: String {
        switch self {
        case .keyResult: return "keyResult"
        case .objectiveId: return "objectiveId"
        case .objectiveOwner: return "objectiveOwner"
        case .objectiveWeight: return "objectiveWeight"
        case .itemType: return "itemType"
        default: return rawValue
        }
    }
}
