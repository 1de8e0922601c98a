/// How a rules file's name finds what it stands for, the same way for key results and KPIs: by id (when
/// the ids come from the sheet), then by exact title, then by the same title without regard to case and
/// accents (``Swift/String/folded``), then by a unique part of a title.
enum NameMatch {
    enum Outcome<Candidate> {
        case matched(Candidate)
        case none
        /// Several candidates fit at the first step that found any.
        case ambiguous([Candidate])
    }

    /// - Parameters:
    ///   - id: a candidate's id, nil when ids do not count (made up rather than read).
    ///   - title: a candidate's title or name.
    static func match<Candidate>(_ name: String, in candidates: [Candidate], id: (Candidate) -> String?,
                                 title: (Candidate) -> String) -> Outcome<Candidate> {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        let folded = trimmed.folded
        for step in 0..<5 {
            // The folded steps need something left after folding.
            if folded.isEmpty, step != 0, step != 2 { continue }
            let found = candidates.filter { c in
                switch step {
                case 0: return id(c) == trimmed
                case 1: return id(c)?.folded == folded
                case 2: return title(c).trimmingCharacters(in: .whitespaces) == trimmed
                case 3: return title(c).folded == folded
                default: return title(c).folded.contains(folded)
                }
            }
            switch found.count {
            case 0: continue
            case 1: return .matched(found[0])
            default: return .ambiguous(found)
            }
        }
        return .none
    }
}
