import OKRCore
import SheetKit

/// Finds the key result a rule names: by id (when the template has an id column), then by exact title,
/// then by a unique part of a title, without regard to case and accents (``Swift/String/folded``).
public struct KeyResultMatcher {
    /// The key results of the template, with where they are in the model.
    public struct Candidate: Sendable {
        public var objective: Int
        public var index: Int
        public var keyResult: KeyResult
    }

    /// How a rule's name came out.
    public enum Outcome: Sendable {
        case matched(Candidate)
        case none
        /// Several key results fit; the message lists them.
        case ambiguous([Candidate])
    }

    let candidates: [Candidate]
    let hasIDColumn: Bool

    /// - Parameter hasIDColumn: whether ids were read from the template (else they were made up and do not count).
    public init(model: OKRModel, hasIDColumn: Bool) {
        var list: [Candidate] = []
        for (o, objective) in model.objectives.enumerated() {
            for (k, kr) in objective.keyResults.enumerated() { list.append(Candidate(objective: o, index: k, keyResult: kr)) }
        }
        candidates = list
        self.hasIDColumn = hasIDColumn
    }

    /// The key result `name` stands for (``NameMatch``).
    public func match(_ name: String) -> Outcome {
        switch NameMatch.match(name, in: candidates, id: { hasIDColumn ? $0.keyResult.id : nil }, title: { $0.keyResult.title }) {
        case .matched(let c): return .matched(c)
        case .none: return .none
        case .ambiguous(let list): return .ambiguous(list)
        }
    }
}
