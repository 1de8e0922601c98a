import OKRCore
import SheetKit

/// A period as a KPI sheet names it in a column header (wide shape) or a period cell (long shape), before
/// a missing year is filled in.
///
/// Read in nl, fr and en: month names and abbreviations (`januari`, `janv.`, `Jan`, `mrt`, `mai`), with a
/// year or not (`jan-26`, `jan 2026`, `januari 2026`, `2026-01`, `01/2026`); quarters (`Q1 2026`,
/// `T1 2026`, `K1`, `2026-Q1`, `1e kwartaal 2026`, `2e trimestre`); ISO weeks (`2026-W19`, `W19`,
/// `week 19`, `wk 19 2026`, `semaine 19`); years (`2026`); and dates (a date cell, `01-01-2026`,
/// `2026-01-01`), which become days, weeks or months by context (see ``KPISheetReader``).
enum KPIPeriodHeader: Sendable, Hashable {
    /// A period with its year: `jan-26`, `Q1 2026`, `2026-W19`, `2026`.
    case period(KPIPeriod)
    /// A month without a year: `jan`, `februari`, `mars`.
    case month(Int)
    /// A quarter without a year: `Q1`, `K2`, `T3`.
    case quarter(Int)
    /// A week without a year: `W19`, `week 19`.
    case week(Int)
    /// A date: a day, or the month or week it starts, as the columns around it tell.
    case date(CivilDate)

    /// The period header a cell holds, or nil.
    static func read(_ value: CellValue) -> KPIPeriodHeader? {
        switch value {
        case .date(let d): return .date(d)
        case .dateTime(let dt): return dt.secondsOfDay == 0 ? .date(dt.date) : nil
        case .number(let n):
            guard n == n.rounded(.down), (1900...2200).contains(n) else { return nil }
            return .period(.year(Int(n)))
        case .text(let t): return parse(t)
        default: return nil
        }
    }

    /// The period header a text names as a whole, or nil (`Doel 2026`, `Totaal`, `Eigenaar`).
    static func parse(_ text: String) -> KPIPeriodHeader? {
        var t = ValueLexer.tokens(text)
        while let last = t.last, last.isSymbol(".") || last.isSymbol("'") || last.isSymbol(":") { t.removeLast() }
        guard !t.isEmpty, t.count <= 6 else { return nil }
        if let simple = simple(t) { return simple }
        // `1e kwartaal 2026`, `kwartaal 3`, `2nd quarter 2026`, `juin 2026`, `30 juni 2026`.
        guard let m = DateGrammar.match(t, at: 0), m.range.upperBound == t.count, m.yearShift == 0 else { return nil }
        switch m.expression {
        case .day(let d): return .date(d)
        case .period(.quarter(let q, let year)): return year.map { .period(.quarter(year: $0, quarter: q)) } ?? .quarter(q)
        case .period(.month(let month, let year)): return year.map { .period(.month(year: $0, month: month)) } ?? .month(month)
        default: return nil
        }
    }

    private static let separators: Set<Character> = ["-", "/", "'", ".", "_"]
    private static let weekWords: Set<String> = ["week", "wk", "semaine", "sem", "w"]

    /// The short forms: a word, a number, or two of them with a separator between.
    private static func simple(_ all: [ValueToken]) -> KPIPeriodHeader? {
        // Separators between the parts do not matter: `jan-26` = `jan 26` = `jan '26`.
        let t = all.filter { !($0.symbol.map(separators.contains) ?? false) }
        guard all.count - t.count <= 2 else { return nil }
        if t.count == 1 {
            let token = t[0]
            if case .date(let d) = token.kind { return .date(d) }
            if let year = year(token, twoDigits: false) { return .period(.year(year)) }
            guard let w = token.word else { return nil }
            if let month = ValueWords.months[w] { return .month(month) }
            if let q = quarter(w) { return .quarter(q) }
            if let wk = week(w) { return .week(wk) }
            return nil
        }
        guard t.count == 2 else {
            // `week 19 2026`, `wk 19 '26`.
            if t.count == 3, let w = t[0].word, weekWords.contains(w), let n = t[1].plainInteger, (1...53).contains(n),
               let y = year(t[2], twoDigits: true) {
                return weekPeriod(y, n)
            }
            return nil
        }
        let a = t[0], b = t[1]
        // A word with a year after or before it: `jan-26`, `Q1 2026`, `W19-2026`, `2026-Q1`, `2026-W19`.
        for (wordToken, yearToken, twoDigits) in [(a, b, true), (b, a, false)] {
            guard let w = wordToken.word, let y = year(yearToken, twoDigits: twoDigits) else { continue }
            if let month = ValueWords.months[w] { return .period(.month(year: y, month: month)) }
            if let q = quarter(w) { return .period(.quarter(year: y, quarter: q)) }
            if let wk = week(w) { return weekPeriod(y, wk) }
        }
        // `week 19`, `semaine 19`.
        if let w = a.word, weekWords.contains(w), let n = b.plainInteger, (1...53).contains(n) { return .week(n) }
        // `2026-01`, `2026/1`, `01-2026`, `1/2026`.
        if let y = year(a, twoDigits: false), let m = b.plainInteger, (b.numberText?.count ?? 0) <= 2, (1...12).contains(m) {
            return .period(.month(year: y, month: m))
        }
        if let m = a.plainInteger, (a.numberText?.count ?? 0) <= 2, (1...12).contains(m), let y = year(b, twoDigits: false) {
            return .period(.month(year: y, month: m))
        }
        return nil
    }

    private static func weekPeriod(_ year: Int, _ week: Int) -> KPIPeriodHeader? {
        guard week <= KPIPeriod.weeksIn(year) else { return nil }
        return .period(.week(year: year, week: week))
    }

    /// `q1`…`q4`, `k1`…`k4` (kwartaal), `t1`…`t4` (trimestre).
    private static func quarter(_ w: String) -> Int? {
        guard let (kind, n) = DateGrammar.periodWord(w), kind != "h" else { return nil }
        return n
    }

    /// `w19`, `wk19`, `week19`, `sem19` (not `s19`: `S1` is a semester).
    private static func week(_ w: String) -> Int? {
        for prefix in ["week", "wk", "sem", "w"] where w.hasPrefix(prefix) {
            let digits = w.dropFirst(prefix.count)
            guard (1...2).contains(digits.count), digits.allSatisfy(\.isASCII), let n = Int(digits), (1...53).contains(n) else { return nil }
            return n
        }
        return nil
    }

    /// A year: four digits (1900–2200), or with `twoDigits` also two (`26` → 2026).
    private static func year(_ token: ValueToken, twoDigits: Bool) -> Int? {
        guard let n = token.plainInteger, let count = token.numberText?.count else { return nil }
        if count == 4, (1900...2200).contains(n) { return n }
        if twoDigits, count == 2 { return 2000 + n }
        return nil
    }
}
