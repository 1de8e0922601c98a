import OKRCore
import SheetKit

/// Where a KPI table's header row is, which column holds which field, and which columns are periods.
public struct KPIHeaderMatch: Sendable, Hashable {
    /// 0-based row index of the header.
    public var row: Int
    /// Field → 0-based column.
    public var columns: [KPIField: Int]
    /// The header text of each matched column.
    public var headers: [KPIField: String]
    /// The period columns of the wide shape, in column order.
    var periodColumns: [PeriodColumn]
    /// The language whose words matched best.
    public var language: String
    /// Whether the row is a KPI table beyond doubt: it has period columns, or period and value columns, or
    /// columns that only KPI sheets have (frequency, direction, green/amber/red limits). A weaker match (a
    /// KPI column and two other fields) counts only when no OKR header is found in the same sheet.
    public var strong: Bool

    /// The long shape: one row per KPI per period.
    public var isLong: Bool { columns[.period] != nil && columns[.value] != nil }

    struct PeriodColumn: Sendable, Hashable {
        var column: Int
        var header: KPIPeriodHeader
        var text: String
    }
}

/// Finds the header row of a KPI table among the first rows of a sheet, matching headers in nl, fr and en
/// without regard to case, accents, spacing and punctuation, as ``HeaderDetector`` does for OKRs.
public struct KPIHeaderDetector: Sendable {
    struct Synonym: Sendable {
        var words: [Substring]
        var field: KPIField
        var language: String
    }

    let synonyms: [Synonym]
    let fallbackLanguage: String

    public init(mapping: Mapping) {
        var list: [Synonym] = []
        for vocabulary in mapping.vocabularies {
            for field in KPIField.allCases {
                for text in vocabulary.kpiFields[field] ?? [] {
                    let words = text.foldedWords
                    if !words.isEmpty { list.append(Synonym(words: words, field: field, language: vocabulary.language)) }
                }
            }
        }
        synonyms = list
        fallbackLanguage = mapping.vocabularies.first?.language ?? "en"
    }

    /// The best field for one header text: an exact match beats a match on the first words; longer beats shorter.
    func match(_ text: String) -> (field: KPIField, exact: Bool, length: Int, language: String)? {
        let words = text.foldedWords
        guard !words.isEmpty, words.count <= 8 else { return nil }
        var best: (field: KPIField, exact: Bool, length: Int, language: String)?
        for synonym in synonyms where synonym.words.count <= words.count && words.starts(with: synonym.words) {
            let candidate = (synonym.field, synonym.words.count == words.count, synonym.words.count, synonym.language)
            if let b = best {
                if (candidate.1 && !b.exact) || (candidate.1 == b.exact && candidate.2 > b.length) { best = candidate }
            } else {
                best = candidate
            }
        }
        return best
    }

    /// Scores one row as a KPI header; nil unless it has a KPI name column and something more.
    func evaluate(_ row: Row) -> KPIHeaderMatch? {
        var periods: [KPIHeaderMatch.PeriodColumn] = []
        var candidates: [(column: Int, field: KPIField, exact: Bool, length: Int, language: String, text: String)] = []
        for cell in row.cells {
            if let period = KPIPeriodHeader.read(cell.value) {
                periods.append(.init(column: cell.column, header: period, text: cell.value.canonicalText))
                continue
            }
            guard case .text(let text) = cell.value, let m = match(text) else { continue }
            candidates.append((cell.column, m.field, m.exact, m.length, m.language, text))
        }
        candidates.sort { ($0.exact ? 1 : 0, $0.length, -$0.column) > ($1.exact ? 1 : 0, $1.length, -$1.column) }
        var columns: [KPIField: Int] = [:], headers: [KPIField: String] = [:], used = Set<Int>()
        var votes: [String: Int] = [:]
        for c in candidates where columns[c.field] == nil && !used.contains(c.column) {
            columns[c.field] = c.column
            headers[c.field] = c.text
            used.insert(c.column)
            votes[c.language, default: 0] += c.exact ? 2 : 1
        }
        guard let nameColumn = columns[.name] else { return nil }
        // Period columns are those right of the KPI's name (a year in a title column to its left is not one).
        periods = periods.filter { $0.column > nameColumn }
        let long = columns[.period] != nil && columns[.value] != nil
        let kpiOnly: [KPIField] = [.frequency, .direction, .green, .amber, .red]
        let strong = periods.count >= 2 || long || kpiOnly.contains { columns[$0] != nil }
        guard strong || columns.count >= 3 else { return nil }
        let order = ["nl", "fr", "en"]
        let language = votes.max { a, b in
            a.value != b.value ? a.value < b.value : (order.firstIndex(of: a.key) ?? 9) > (order.firstIndex(of: b.key) ?? 9)
        }?.key ?? fallbackLanguage
        return KPIHeaderMatch(row: row.index, columns: columns, headers: headers, periodColumns: long ? [] : periods,
                              language: language, strong: strong)
    }

    /// The KPI header among `rows` (the top of a sheet): the row naming the most fields and periods, the
    /// earliest on a tie; nil when no row is one.
    public func detect(in rows: [Row]) -> KPIHeaderMatch? {
        var best: KPIHeaderMatch?
        for row in rows where row.index < HeaderDetector.searchDepth {
            guard let m = evaluate(row) else { continue }
            let size = m.columns.count + m.periodColumns.count
            if best.map({ size > $0.columns.count + $0.periodColumns.count }) ?? true { best = m }
        }
        return best
    }
}
