import OKRCore
import SheetKit

/// A period named in words or digits, before it is pinned to a year.
enum PeriodReference: Sendable, Hashable {
    case quarter(Int, year: Int?)
    case half(Int, year: Int?)
    case month(Int, year: Int?)
    /// The n-th month of a quarter: `eerste maand van Q2`.
    case monthOfQuarter(Int, quarter: Int, year: Int?)
    case year(Int)
    case fiscalYear(Int)
    /// `het jaar`, `l'année`: the calendar year of the reference period.
    case thisYear
    /// `het kwartaal`, `le trimestre`: the quarter the reference period starts in.
    case thisQuarter
}

/// What a date expression says.
enum DateExpression: Sendable, Hashable {
    /// A full date: `30-06-2026`, `30 juni 2026`.
    case day(CivilDate)
    /// A day and month whose year comes from the reference period: `1 oktober`, `June 30`.
    case dayMonth(day: Int, month: Int)
    /// A period, meaning its last day (or, after "vóór", the day before it starts).
    case period(PeriodReference)
}

/// A date expression found among tokens.
struct DateMatch: Sendable, Hashable {
    var expression: DateExpression
    var range: Range<Int>
    /// Whether the expression can stand alone as a deadline (`30 juni`, `einde Q2`, `Q3`); weak ones
    /// (`juni`, `2027`, `T3`) need a preposition such as "in", "tegen" or "by".
    var strong: Bool
    /// Years added by `volgend jaar` / `next year` (+1), `vorig jaar` (−1).
    var yearShift: Int
    /// Whether an end word introduced it (`einde Q2`): then "vóór" does not move it to the day before.
    var explicitEnd = false
}

/// The grammar of dates, deadlines and periods in nl, fr and en.
enum DateGrammar {
    /// The date expression that starts at token `p`, if one does.
    static func match(_ t: [ValueToken], at p: Int) -> DateMatch? {
        guard p < t.count else { return nil }
        guard var found = core(t, at: p) else { return nil }
        let (shift, end) = yearModifier(t, at: found.range.upperBound)
        if shift != nil {
            found.yearShift = shift ?? 0
            found.range = found.range.lowerBound..<end
        }
        return found
    }

    /// - Parameter depth: how deep inside `einde …` / `eerste maand van …` this is; nesting stops at 2.
    private static func core(_ t: [ValueToken], at p: Int, depth: Int = 0) -> DateMatch? {
        guard p < t.count, depth <= 2 else { return nil }
        let token = t[p]
        switch token.kind {
        case .date(let d):
            return DateMatch(expression: .day(d), range: p..<p + 1, strong: true, yearShift: 0)
        case .number, .ordinal:
            let n: Int?
            if case .ordinal(let o) = token.kind { n = o } else { n = token.plainInteger }
            guard let n else { return nil }
            // `30 juni [2026]`, `1er octobre`.
            if (1...31).contains(n), p + 1 < t.count, let w = t[p + 1].word, let month = ValueWords.months[w] {
                var end = p + 2
                if end < t.count, t[end].isSymbol("."), w.count <= 4 { end += 1 }  // `30 jun. 2026`
                if let (year, e) = year(t, at: end) {
                    let d = CivilDate(year: year, month: month, day: n)
                    return d.isValid ? DateMatch(expression: .day(d), range: p..<e, strong: true, yearShift: 0) : nil
                }
                guard n <= CivilDate.daysIn(month: month, year: 2000) else { return nil }
                return DateMatch(expression: .dayMonth(day: n, month: month), range: p..<end, strong: true, yearShift: 0)
            }
            // `31/12`: a day and month without a year; weak, as `24/7` or `3/4` look the same.
            if (1...31).contains(n), (token.numberText?.count ?? 0) <= 2, p + 2 < t.count, t[p + 1].isSymbol("/"),
               !t[p + 1].spaceBefore, !t[p + 2].spaceBefore, let month = t[p + 2].plainInteger, (1...12).contains(month),
               (t[p + 2].numberText?.count ?? 0) <= 2, n <= CivilDate.daysIn(month: month, year: 2000) {
                return DateMatch(expression: .dayMonth(day: n, month: month), range: p..<p + 3, strong: false, yearShift: 0)
            }
            // `3e kwartaal 2026`, `2nd quarter`, `1er semestre`.
            if case .ordinal = token.kind, let m = periodNounAfterOrdinal(t, ordinal: n, at: p + 1, depth: depth) { return m(p) }
            // `2026-Q2`, `2026 Q2`, `2026-05`.
            if token.numberText?.count == 4, (1900...2200).contains(n) {
                var q = p + 1
                if q < t.count, t[q].isSymbol("-") || t[q].isSymbol("/"), !t[q].spaceBefore { q += 1 }
                if q < t.count, let w = t[q].word, let (kind, k) = periodWord(w) {
                    let ref: PeriodReference = kind == "h" ? .half(k, year: n) : .quarter(k, year: n)
                    return DateMatch(expression: .period(ref), range: p..<q + 1, strong: kind == "q", yearShift: 0)
                }
                if q == p + 2, t[p + 1].isSymbol("-"), q < t.count, let m = t[q].plainInteger, (1...12).contains(m),
                   t[q].numberText?.count == 2, !t[q].spaceBefore {
                    return DateMatch(expression: .period(.month(m, year: n)), range: p..<q + 1, strong: true, yearShift: 0)
                }
                return DateMatch(expression: .period(.year(n)), range: p..<p + 1, strong: false, yearShift: 0)
            }
            return nil
        case .word(let w):
            if let month = ValueWords.months[w] {
                var q = p + 1
                if q < t.count, t[q].isSymbol("."), w.count <= 4 { q += 1 }
                // `June 30, 2026`, `October 1st`.
                if q < t.count, let n = dayNumber(t[q]), (1...31).contains(n) {
                    var end = q + 1
                    if end < t.count, t[end].isSymbol(",") { end += 1 }
                    if let (year, e) = year(t, at: end) {
                        let d = CivilDate(year: year, month: month, day: n)
                        return d.isValid ? DateMatch(expression: .day(d), range: p..<e, strong: true, yearShift: 0) : nil
                    }
                    guard n <= CivilDate.daysIn(month: month, year: 2000) else { return nil }
                    return DateMatch(expression: .dayMonth(day: n, month: month), range: p..<q + 1, strong: true, yearShift: 0)
                }
                if let (year, e) = year(t, at: q) {
                    return DateMatch(expression: .period(.month(month, year: year)), range: p..<e, strong: true, yearShift: 0)
                }
                guard ValueWords.fullMonthNames.contains(w) else { return nil }
                return DateMatch(expression: .period(.month(month, year: nil)), range: p..<q, strong: false, yearShift: 0)
            }
            if ValueWords.endWords.contains(w) { return endOf(t, at: p, depth: depth) }
            if let (kind, k) = periodWord(w) {
                var q = p + 1
                if q < t.count, t[q].isSymbol("-") || t[q].isSymbol("/") || t[q].isSymbol("'") { q += 1 }
                let ref: (Int?) -> PeriodReference = { kind == "h" ? .half(k, year: $0) : .quarter(k, year: $0) }
                if let (year, e) = year(t, at: q, twoDigits: true) {
                    return DateMatch(expression: .period(ref(year)), range: p..<e, strong: kind == "q", yearShift: 0)
                }
                return DateMatch(expression: .period(ref(nil)), range: p..<p + 1, strong: kind == "q", yearShift: 0)
            }
            if let n = ValueWords.ordinalWords[w], let m = periodNounAfterOrdinal(t, ordinal: n, at: p + 1, depth: depth) {
                return m(p)
            }
            // `kwartaal 3 [2026]`, `trimestre 2`.
            if ValueWords.quarterNouns.contains(w) || ValueWords.halfNouns.contains(w), p + 1 < t.count,
               let n = t[p + 1].plainInteger {
                let isHalf = ValueWords.halfNouns.contains(w)
                guard isHalf ? (1...2).contains(n) : (1...4).contains(n) else { return nil }
                let y = year(t, at: p + 2)
                let ref: PeriodReference = isHalf ? .half(n, year: y?.0) : .quarter(n, year: y?.0)
                return DateMatch(expression: .period(ref), range: p..<(y?.1 ?? p + 2), strong: true, yearShift: 0)
            }
            return nil
        case .symbol:
            return nil
        }
    }

    /// `einde Q2`, `eind 2026`, `fin juin`, `end of Q2`, `einde van het jaar`, `fin du trimestre`.
    private static func endOf(_ t: [ValueToken], at p: Int, depth: Int) -> DateMatch? {
        var q = p + 1
        while q < t.count, q - p <= 3, let w = t[q].word, ValueWords.fillers.contains(w) { q += 1 }
        guard q < t.count else { return nil }
        if let w = t[q].word {
            if yearNouns.contains(w) {
                return DateMatch(expression: .period(.thisYear), range: p..<q + 1, strong: true, yearShift: 0, explicitEnd: true)
            }
            if ValueWords.quarterNouns.contains(w), !(q + 1 < t.count && t[q + 1].plainInteger != nil) {
                return DateMatch(expression: .period(.thisQuarter), range: p..<q + 1, strong: true, yearShift: 0,
                                 explicitEnd: true)
            }
        }
        guard let inner = core(t, at: q, depth: depth + 1) else { return nil }
        switch inner.expression {
        case .period:
            return DateMatch(expression: inner.expression, range: p..<inner.range.upperBound, strong: true, yearShift: 0,
                             explicitEnd: true)
        case .day, .dayMonth:
            return nil
        }
    }

    /// After an ordinal: `kwartaal`/`quarter`/`trimestre` [year], a half-year noun, or
    /// `maand van Q2` (the n-th month of a quarter).
    private static func periodNounAfterOrdinal(_ t: [ValueToken], ordinal n: Int, at q: Int,
                                               depth: Int) -> ((Int) -> DateMatch)? {
        guard q < t.count, let w = t[q].word else { return nil }
        if ValueWords.quarterNouns.contains(w), (1...4).contains(n) {
            let y = year(t, at: q + 1)
            return { p in DateMatch(expression: .period(.quarter(n, year: y?.0)), range: p..<(y?.1 ?? q + 1), strong: true, yearShift: 0) }
        }
        if ValueWords.halfNouns.contains(w), (1...2).contains(n) {
            let y = year(t, at: q + 1)
            return { p in DateMatch(expression: .period(.half(n, year: y?.0)), range: p..<(y?.1 ?? q + 1), strong: true, yearShift: 0) }
        }
        if ValueWords.monthNouns.contains(w), (1...3).contains(n) {
            var r = q + 1
            while r < t.count, r - q <= 2, let f = t[r].word, ValueWords.fillers.contains(f) { r += 1 }
            guard let inner = core(t, at: r, depth: depth + 1), case .period(.quarter(let k, let y)) = inner.expression
            else { return nil }
            return { p in
                DateMatch(expression: .period(.monthOfQuarter(n, quarter: k, year: y)), range: p..<inner.range.upperBound,
                          strong: true, yearShift: 0)
            }
        }
        return nil
    }

    /// A quarter or half word: `q2`, `k2` (kwartaal), `t2` (trimestre) → ("q", 2); `h1`, `s1` → ("h", 1).
    static func periodWord(_ w: String) -> (String, Int)? {
        let u = Array(w.utf8)
        guard u.count == 2, u[1] >= 49, u[1] <= 52 else { return nil }
        let n = Int(u[1]) - 48
        switch u[0] {
        case UInt8(ascii: "q"): return ("q", n)
        case UInt8(ascii: "k"), UInt8(ascii: "t"): return ("k", n)
        case UInt8(ascii: "h"), UInt8(ascii: "s"): return n <= 2 ? ("h", n) : nil
        default: return nil
        }
    }

    /// A day number: a plain integer or an ordinal (`1st`, `1er`).
    private static func dayNumber(_ token: ValueToken) -> Int? {
        if case .ordinal(let n) = token.kind { return n }
        guard let n = token.plainInteger, (token.numberText?.count ?? 0) <= 2 else { return nil }
        return n
    }

    /// A four-digit year (1900–2200) at `p`, or with `twoDigits` a two-digit one (`Q2 26` → 2026).
    static func year(_ t: [ValueToken], at p: Int, twoDigits: Bool = false) -> (Int, Int)? {
        guard p < t.count, let n = t[p].plainInteger, let count = t[p].numberText?.count else { return nil }
        if count == 4, (1900...2200).contains(n) { return (n, p + 1) }
        if twoDigits, count == 2 { return (2000 + n, p + 1) }
        return nil
    }

    private static let yearNouns: Set<String> = ["jaar", "year", "annee"]

    /// `van dit jaar` (0), `volgend jaar` / `next year` / `l'année prochaine` (+1), `vorig jaar` (−1).
    private static func yearModifier(_ t: [ValueToken], at p: Int) -> (Int?, Int) {
        var q = p
        while q < t.count, q - p <= 2, let w = t[q].word, ValueWords.fillers.contains(w) { q += 1 }
        guard q + 1 < t.count, let a = t[q].word, let b = t[q + 1].word else { return (nil, p) }
        if yearNouns.contains(b) {
            switch a {
            case "dit", "this", "cette", "ce", "huidige", "current": return (0, q + 2)
            case "volgend", "volgende", "next", "prochaine", "komend", "komende": return (1, q + 2)
            case "vorig", "vorige", "last", "derniere", "passee": return (-1, q + 2)
            default: return (nil, p)
            }
        }
        if yearNouns.contains(a) {
            switch b {
            case "prochaine": return (1, q + 2)
            case "derniere", "passee": return (-1, q + 2)
            case "courante", "en": return (0, q + 2)
            default: return (nil, p)
            }
        }
        return (nil, p)
    }

    // MARK: Resolving

    /// The first and last day of a period reference, its year taken from `reference` when not written.
    static func span(_ ref: PeriodReference, reference: Period?, calendar: FiscalCalendar,
                     yearShift: Int = 0) -> (start: CivilDate, end: CivilDate)? {
        let fiscalYear = reference.map { calendar.fiscalYear(containing: $0.start) + yearShift }
        switch ref {
        case .quarter(let n, let year):
            guard let y = year ?? fiscalYear else { return nil }
            return calendar.quarter(n, year: y)
        case .half(let n, let year):
            guard let y = year ?? fiscalYear else { return nil }
            return calendar.half(n, year: y)
        case .monthOfQuarter(let m, let q, let year):
            guard let y = year ?? fiscalYear else { return nil }
            return calendar.span(year: y, offset: (q - 1) * 3 + m - 1, count: 1)
        case .month(let m, let year):
            guard let y = year ?? reference.map({ yearFor(month: m, day: 1, in: $0) + yearShift }) else { return nil }
            return FiscalCalendar(startMonth: m).span(year: y, offset: 0, count: 1)
        case .year(let y):
            return FiscalCalendar().span(year: y, offset: 0, count: 12)
        case .fiscalYear(let y):
            return calendar.span(year: y, offset: 0, count: 12)
        case .thisYear:
            guard let reference else { return nil }
            return FiscalCalendar().span(year: reference.start.year + yearShift, offset: 0, count: 12)
        case .thisQuarter:
            guard let reference else { return nil }
            let start = reference.start
            let offset = ((start.month - calendar.startMonth) + 12) % 12
            return calendar.quarter(offset / 3 + 1, year: calendar.fiscalYear(containing: start) + yearShift)
        }
    }

    /// The day a date match stands for: a period's last day, or with `before` the day before it starts.
    static func resolve(_ m: DateMatch, reference: Period?, calendar: FiscalCalendar, before: Bool) -> CivilDate? {
        switch m.expression {
        case .day(let d):
            return d
        case .dayMonth(let day, let month):
            guard let reference else { return nil }
            let d = CivilDate(year: yearFor(month: month, day: day, in: reference) + m.yearShift, month: month, day: day)
            return d.isValid ? d : nil
        case .period(let ref):
            guard let s = span(ref, reference: reference, calendar: calendar, yearShift: m.yearShift) else { return nil }
            return before && !m.explicitEnd ? CivilDate(daysSinceEpoch: s.start.daysSinceEpoch - 1) : s.end
        }
    }

    /// The year that puts a day and month inside the reference period, else the year it starts in.
    static func yearFor(month: Int, day: Int, in reference: Period) -> Int {
        let first = reference.start.year, last = reference.end.year
        if first < last, last - first < 5 {
            for y in first...last {
                let d = CivilDate(year: y, month: month, day: min(day, CivilDate.daysIn(month: month, year: y)))
                if d >= reference.start && d <= reference.end { return y }
            }
        }
        return first
    }
}
