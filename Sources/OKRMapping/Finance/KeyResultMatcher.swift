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

    /// The key result `name` stands for.
    public func match(_ name: String) -> Outcome {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if hasIDColumn {
            let byID = candidates.filter { $0.keyResult.id == trimmed }
            if let outcome = decide(byID) { return outcome }
            let byIDFolded = candidates.filter { $0.keyResult.id.folded == trimmed.folded && !trimmed.folded.isEmpty }
            if let outcome = decide(byIDFolded) { return outcome }
        }
        let exact = candidates.filter { $0.keyResult.title.trimmingCharacters(in: .whitespaces) == trimmed }
        if let outcome = decide(exact) { return outcome }
        let folded = trimmed.folded
        guard !folded.isEmpty else { return .none }
        let sameFolded = candidates.filter { $0.keyResult.title.folded == folded }
        if let outcome = decide(sameFolded) { return outcome }
        let part = candidates.filter { $0.keyResult.title.folded.contains(folded) }
        return decide(part) ?? .none
    }

    private func decide(_ list: [Candidate]) -> Outcome? {
        switch list.count {
        case 0: return nil
        case 1: return .matched(list[0])
        default: return .ambiguous(list)
        }
    }
}
