import OKRCore

/// Reads a status cell: a word in nl, fr or en, a coloured mark, or both (`🟡 Lopend`).
///
/// Words are matched folded (case, accents, spacing). Where mark and word disagree the word wins and the
/// caller is told, so it can warn.
public struct StatusReader: Sendable {
    /// The marks of DESIGN.md, plus the forms they take when UTF-8 was read as GBK (seen in the seed:
    /// `馃數` for 🔵), so a mangled export still reads.
    public static let marks: [(mark: String, status: Status)] = [
        ("🟢", .achieved), ("🔵", .onTrack), ("🟡", .atRisk), ("🟠", .atRisk), ("🔴", .offTrack), ("⚪", .notStarted),
        ("⚫", .notStarted), ("✅", .achieved),
        ("馃煝", .achieved), ("馃數", .onTrack), ("馃煛", .atRisk), ("馃煚", .atRisk), ("馃敶", .offTrack), ("鈿", .notStarted),
    ]

    private let words: [(words: [Substring], status: Status)]

    public init(mapping: Mapping) {
        var list: [(words: [Substring], status: Status)] = []
        for vocabulary in mapping.vocabularies + Mapping.auto.vocabularies {
            for (status, texts) in vocabulary.statuses {
                for text in texts + [vocabulary.labels[status]].compactMap({ $0 }) {
                    list.append((text.foldedWords, status))
                }
            }
            for status in Status.allCases {
                list.append((status.rawValue.foldedWords, status))
            }
        }
        // Longest phrases first, so "Achter op schema" is not read as "Op schema".
        words = list.sorted { $0.words.count > $1.words.count }
    }

    /// The outcome of reading one cell.
    public struct Reading: Sendable, Hashable {
        public var status: Status
        /// The mark's status when it disagrees with the word.
        public var conflictingMark: Status?
    }

    /// The status a cell states, nil when it states none.
    public func read(_ text: String) -> Reading? {
        let mark = StatusReader.marks.first { text.contains($0.mark) }?.status
        let folded = text.foldedWords
        var word: Status?
        if !folded.isEmpty {
            for entry in words where !entry.words.isEmpty && contains(folded, entry.words) {
                word = entry.status
                break
            }
        }
        switch (word, mark) {
        case (let w?, let m?) where w != m: return Reading(status: w, conflictingMark: m)
        case (let w?, _): return Reading(status: w, conflictingMark: nil)
        case (nil, let m?): return Reading(status: m, conflictingMark: nil)
        case (nil, nil): return nil
        }
    }

    private func contains(_ haystack: [Substring], _ needle: [Substring]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return true
        }
        return false
    }
}
