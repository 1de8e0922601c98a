import Foundation
import OKRCore
import SheetKit

/// Reads reporting periods: the `--period` option, a period cell, or a sheet title.
///
/// Accepted: `2026-Q2`, `Q2 2026`, `Q2-2026`, `K2 2026` (kwartaal), `T2 2026` (trimestre), `2e kwartaal 2026`,
/// `H1 2026`, `S1 2026` (semestre), `FY2026`, `boekjaar 2026`, `2026-05`, `mei 2026`, `2026`, and
/// `YYYY-MM-DD..YYYY-MM-DD`. The label is the text as given (trimmed), or for ``find(in:fiscalYearStartMonth:)``
/// the words found.
///
/// Fiscal years: quarters, halves and `FY` years count from `fiscalYearStartMonth`, and a fiscal year is
/// named by the calendar year it **starts** in. With a start in July, `Q1 2026` is 2026-07-01…2026-09-30,
/// `Q3 2026` is 2027-01-01…2027-03-31 and `FY2026` is 2026-07-01…2027-06-30. A bare year (`2026`) and a
/// month (`2026-05`) are always calendar periods.
public enum PeriodParser {
    /// The period `text` names as a whole, or nil.
    public static func parse(_ text: String, fiscalYearStartMonth: Int = 1) -> Period? {
        let t = ValueLexer.tokens(text)
        guard let m = match(t, at: 0, calendar: FiscalCalendar(startMonth: fiscalYearStartMonth)) else { return nil }
        var end = m.range.upperBound
        while end < t.count, t[end].isSymbol(".") { end += 1 }
        guard end == t.count else { return nil }
        let label = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return Period(label: label, start: m.start, end: m.end)
    }

    /// The period named somewhere in a sheet title: `OKR-rapportage Q2 2026` → Q2 2026,
    /// `Objectifs T3 2026` → T3 2026. A quarter, half, month or fiscal year wins over a bare year
    /// (`OKR 2026` → 2026), which is taken only when nothing more precise is there.
    public static func find(in title: String, fiscalYearStartMonth: Int = 1) -> Period? {
        let t = ValueLexer.tokens(title)
        let calendar = FiscalCalendar(startMonth: fiscalYearStartMonth)
        var bareYear: (Match, String)?
        var p = 0
        while p < t.count {
            if let m = match(t, at: p, calendar: calendar) {
                let label = text(of: t[m.range])
                if !m.isBareYear { return Period(label: label, start: m.start, end: m.end) }
                if bareYear == nil { bareYear = (m, label) }
                p = m.range.upperBound
            } else {
                p += 1
            }
        }
        return bareYear.map { Period(label: $0.1, start: $0.0.start, end: $0.0.end) }
    }

    private static let connectors: Set<String> = ["tot", "to", "until", "through", "thru", "au", "t", "m", "tm", "a", "en", "and", "et"]

    struct Match {
        var start: CivilDate
        var end: CivilDate
        var range: Range<Int>
        var isBareYear: Bool
    }

    /// The period that starts at token `p`; quarters and halves need a year.
    static func match(_ t: [ValueToken], at p: Int, calendar: FiscalCalendar) -> Match? {
        guard p < t.count else { return nil }
        // `2026-04-01..2026-06-30`, `2026-04-01 tot 2026-06-30`.
        if case .date(let start) = t[p].kind {
            var q = p + 1
            while q < t.count, q - p <= 4, t[q].symbol.map({ ".-/~→–".contains($0) }) == true
                || t[q].word.map({ connectors.contains($0) }) == true {
                q += 1
            }
            if q > p + 1, q < t.count, case .date(let end) = t[q].kind, start <= end {
                return Match(start: start, end: end, range: p..<q + 1, isBareYear: false)
            }
            return nil
        }
        // `FY2026`, `FY26`, `FY 2026`, `boekjaar 2026`, `exercice 2026`, `fiscal year 2026`.
        if let w = t[p].word {
            var year: Int?
            var end = p + 1
            if w.hasPrefix("fy"), w.count == 4 || w.count == 6, let n = Int(w.dropFirst(2)) {
                year = w.count == 4 ? 2000 + n : n
            } else if ["fy", "boekjaar", "bj", "exercice", "fiscal", "fiscaal"].contains(w) {
                var q = p + 1
                if q < t.count, t[q].isWord("year") || t[q].isWord("jaar") || t[q].isSymbol("-") { q += 1 }
                if let (y, e) = DateGrammar.year(t, at: q, twoDigits: w == "fy") {
                    year = y
                    end = e
                }
            }
            if let year, let s = calendar.span(year: year, offset: 0, count: 12) {
                return Match(start: s.start, end: s.end, range: p..<end, isBareYear: false)
            }
        }
        guard let m = DateGrammar.match(t, at: p), m.yearShift == 0, case .period(let ref) = m.expression else { return nil }
        switch ref {
        case .quarter(_, year: .some), .half(_, year: .some), .month(_, year: .some), .year, .fiscalYear:
            guard let s = DateGrammar.span(ref, reference: nil, calendar: calendar) else { return nil }
            var isBareYear = false
            if case .year = ref { isBareYear = true }
            return Match(start: s.start, end: s.end, range: m.range, isBareYear: isBareYear)
        default:
            return nil
        }
    }

    /// The tokens as written, spaced as they were.
    static func text(of tokens: ArraySlice<ValueToken>) -> String {
        var out = ""
        for (k, token) in tokens.enumerated() {
            if k > 0, token.spaceBefore { out += " " }
            out += token.raw
        }
        return out
    }
}
