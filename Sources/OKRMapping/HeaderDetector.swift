import OKRCore
import SheetKit

/// Where a template's header row is and which column holds which field.
public struct HeaderMatch: Sendable, Hashable {
    /// 0-based row index of the header.
    public var row: Int
    /// Field → 0-based column.
    public var columns: [OKRField: Int]
    /// The language whose words matched best.
    public var language: String
    /// The header text of each matched column.
    public var headers: [OKRField: String]
}

/// Finds the header row among the first rows of a sheet: skips titles, blank rows and notes, and matches
/// headers regardless of case, accents, spacing and punctuation.
public struct HeaderDetector: Sendable {
    struct Synonym: Sendable {
        var words: [Substring]
        var field: OKRField
        var language: String
    }

    /// How many rows from the top are searched.
    public static let searchDepth = 40
    let synonyms: [Synonym]
    let mapping: Mapping

    public init(mapping: Mapping) {
        self.mapping = mapping
        var list: [Synonym] = []
        for vocabulary in mapping.vocabularies {
            // In field order, so that equal matches resolve the same way every run.
            for field in OKRField.allCases {
                guard let texts = vocabulary.fields[field] else { continue }
                for text in texts {
                    let words = text.foldedWords
                    if !words.isEmpty { list.append(Synonym(words: words, field: field, language: vocabulary.language)) }
                }
            }
        }
        synonyms = list
    }

    /// The best field for one header text: an exact match beats a match on the first words; longer beats shorter.
    func match(_ text: String) -> (field: OKRField, exact: Bool, length: Int, language: String)? {
        let words = text.foldedWords
        guard !words.isEmpty, words.count <= 8 else { return nil }
        var best: (field: OKRField, exact: Bool, length: Int, language: String)?
        for synonym in synonyms where synonym.words.count <= words.count {
            guard words.starts(with: synonym.words) else { continue }
            let exact = synonym.words.count == words.count
            let candidate = (synonym.field, exact, synonym.words.count, synonym.language)
            if let b = best {
                if (exact && !b.exact) || (exact == b.exact && candidate.2 > b.length) { best = candidate }
            } else {
                best = candidate
            }
        }
        return best
    }

    /// Scores one row as a header: the fields it names, each given to its best column.
    func evaluate(_ row: Row) -> HeaderMatch? {
        var candidates: [(column: Int, field: OKRField, exact: Bool, length: Int, language: String, text: String)] = []
        for cell in row.cells {
            guard case .text(let text) = cell.value, let m = match(text) else { continue }
            candidates.append((cell.column, m.field, m.exact, m.length, m.language, text))
        }
        // Exact and longer matches claim their field first; a field or column is used once.
        candidates.sort { ($0.exact ? 1 : 0, $0.length, -$0.column) > ($1.exact ? 1 : 0, $1.length, -$1.column) }
        // (Columns differ between candidates, so the order above is total.)
        var columns: [OKRField: Int] = [:], headers: [OKRField: String] = [:], used = Set<Int>()
        var votes: [String: Int] = [:]
        for c in candidates where columns[c.field] == nil && !used.contains(c.column) {
            columns[c.field] = c.column
            headers[c.field] = c.text
            used.insert(c.column)
            votes[c.language, default: 0] += c.exact ? 2 : 1
        }
        guard columns[.keyResult] != nil || columns[.objective] != nil || (columns[.title] != nil && columns[.itemType] != nil),
              columns.count >= 2 else { return nil }
        let order = ["nl", "fr", "en"]
        let language = votes.max { a, b in
            a.value != b.value ? a.value < b.value : (order.firstIndex(of: a.key) ?? 9) > (order.firstIndex(of: b.key) ?? 9)
        }?.key ?? mapping.vocabularies[0].language
        return HeaderMatch(row: row.index, columns: columns, language: language, headers: headers)
    }

    /// The header among `rows` (the top of a sheet): the row naming the most fields, the earliest on a tie.
    /// A mapping's fixed header row or column letters win.
    public func detect(in rows: [Row]) -> HeaderMatch? {
        var best: HeaderMatch?
        for row in rows where row.index < HeaderDetector.searchDepth || mapping.headerRow != nil {
            if let fixed = mapping.headerRow, row.index != fixed - 1 { continue }
            guard let m = evaluate(row) else { continue }
            if best == nil || m.columns.count > best!.columns.count { best = m }
        }
        guard var match = best else { return nil }
        for (field, column) in mapping.columns {
            match.columns = match.columns.filter { $0.value != column }
            match.columns[field] = column
        }
        return match
    }
}
