import OKRCore
import SheetKit

/// Reads values as people type them in OKR sheets — numbers, percentages, amounts, bounds, dates —
/// under a decimal convention (DESIGN.md, "Values as people type them").
///
/// ```swift
/// let nl = ValueParser(decimalComma: true, language: "nl")
/// nl.quantity("€ 2 miljoen")   // 2_000_000, currency:EUR
/// nl.quantity("≥ 8")           // 8, comparator >=
/// nl.date("einde Q2", reference: q2of2026)  // 2026-06-30
/// ```
public struct ValueParser: Sendable {
    /// true: nl/fr convention (`1.200` = 1200, `7,2` = 7.2); false: en (`1,200` = 1200, `7.2`);
    /// nil: unknown, sniffed per value, with lone `1.200`-like values read the language's way and flagged.
    public var decimalComma: Bool?
    /// `nl`, `fr` or `en` (a locale such as `nl-BE` is fine): decides the reading of ambiguous values.
    public var language: String
    /// The first month of the fiscal year (1 = January), for quarters named in key-result sentences.
    public var fiscalYearStartMonth: Int

    /// - Parameters:
    ///   - decimalComma: the decimal convention, or nil when unknown.
    ///   - language: `nl`, `fr` or `en`.
    ///   - fiscalYearStartMonth: the first month of the fiscal year, for ``KeyResultSentence``.
    public init(decimalComma: Bool?, language: String, fiscalYearStartMonth: Int = 1) {
        self.decimalComma = decimalComma
        self.language = language
        self.fiscalYearStartMonth = fiscalYearStartMonth
    }

    /// Whether the language writes a decimal comma (nl, fr; not en).
    var languageDecimalComma: Bool {
        let code = language.lowercased().prefix(2)
        return code != "en"
    }

    var convention: QuantityGrammar.Convention {
        .init(decimalComma: decimalComma, languageDecimalComma: languageDecimalComma)
    }

    // MARK: Quantities

    /// The quantity a cell's text states, or nil when the text is not one (`Op schema`, `Marketing`,
    /// `Q2`, `30-06-2026`, two numbers).
    ///
    /// Reads `25%` (0.25, percent), `1.200`, `1,200`, `7,2`, `1 234,56`, `€ 250.000`, `€ 2 miljoen`, `2 mio`,
    /// `€2M`, `3 miljard`, `2 millions €`, `1,5 k€`, `+1.200 leads` (unit `leads`), `≥ 8`, `>= 8`, `=> 8`,
    /// `minstens 8`, `au moins 8`, `at least 8`, `< 1 uur` (1, hours), `minder dan 6%`, `max 5`, `8 of meer`,
    /// `3:1` (3, ratio), `-15%` and `−15%` (a change), `met 20%` (a change), `vijf`.
    public func quantity(_ text: String) -> Quantity? {
        let t = ValueLexer.tokens(text)
        guard !t.isEmpty, var m = QuantityGrammar.match(t, at: 0, convention: convention, allowWords: true, freeUnit: true)
        else { return nil }
        var p = m.range.upperBound
        while p < t.count {
            if let s = t[p].symbol {
                // `/maand`, `per maand`: a rate, read as its amount.
                if s == "/", p + 1 < t.count, t[p + 1].word != nil {
                    p += 2
                } else if s == ",", p + 1 < t.count, t[p + 1].isSymbol("-") {  // `€ 250,-`
                    p += 2
                    while p < t.count, t[p].isSymbol("-") { p += 1 }
                } else if s == "." || s == ")" || s == "*" || s == "!" {
                    p += 1
                } else {
                    return nil
                }
            } else if let w = t[p].word {
                if (w == "per" || w == "par" || w == "a" || w == "pro"), p + 1 < t.count, t[p + 1].word != nil {
                    p += 2
                } else if ValueWords.keepWords.contains(w) {
                    if m.quantity.comparator == nil { m.quantity.comparator = .atLeast }
                    p += 1
                } else {
                    return nil
                }
            } else {
                return nil
            }
        }
        return m.quantity
    }

    // MARK: Dates

    /// The day a cell's text names, or nil.
    ///
    /// Reads `30-06-2026`, `30/06/2026`, `30.06.2026`, `2026-06-30` (a time after it is ignored),
    /// `30 juni 2026`, `30 juin 2026`, `30 June 2026`, `June 30, 2026`, `1er octobre 2026`; without a year
    /// (`1 oktober`, `einde Q2`, `Q3`, `fin T3`, `einde juni`, `fin juin`) the year comes from `reference`
    /// (the one that puts the day inside it), else the result is nil. A period means its last day:
    /// `einde Q2`/`end of Q2`/`Q2 2026` → 30 June, `eind 2026` → 31 December, `juni 2026` → 30 June;
    /// after `vóór`/`before`/`avant` a period means the day before it starts (`vóór Q3` → 30 June).
    /// A bare year (`2026`) is not a date. A whole number of 20000–80000 is read as an Excel serial day.
    ///
    /// - Parameters:
    ///   - reference: the reporting period, for texts without a year.
    ///   - fiscalYearStartMonth: the first month of the fiscal year that quarters count from (see
    ///     ``PeriodParser``: a fiscal year is named by the calendar year it starts in).
    public func date(_ text: String, reference: Period?, fiscalYearStartMonth: Int = 1) -> CivilDate? {
        let t = ValueLexer.tokens(text)
        guard !t.isEmpty else { return nil }
        if t.count == 1, let n = t[0].plainInteger { return date(serial: Double(n)) }
        var p = 0
        var before = false
        var prepositions = 0
        while p < t.count, p < 4 {
            if let w = t[p].word, ValueWords.deadlinePrepositions.contains(w) || ValueWords.fillers.contains(w),
               !ValueWords.endWords.contains(w) {
                if ValueWords.beforeWords.contains(w) { before = true }
                prepositions += 1
                p += 1
            } else if t[p].isSymbol(":") && p > 0 {
                p += 1
            } else {
                break
            }
        }
        guard let m = DateGrammar.match(t, at: p) else { return nil }
        if case .period(.year) = m.expression, prepositions == 0, m.range.count == 1 { return nil }
        var q = m.range.upperBound
        if case .day = m.expression {
            // A time after a date: `2026-06-30 00:00:00`, `2026-06-30T00:00`.
            while q < t.count, t[q].numberText != nil || t[q].isSymbol(":") || t[q].isSymbol(".")
                || (t[q].word.map { $0.first == "t" && $0.dropFirst().allSatisfy(\.isNumber) } ?? false) {
                q += 1
            }
        }
        while q < t.count, t[q].isSymbol(".") || t[q].isSymbol(")") { q += 1 }
        guard q == t.count else { return nil }
        return DateGrammar.resolve(m, reference: reference, calendar: FiscalCalendar(startMonth: fiscalYearStartMonth),
                                   before: before)
    }

    /// The day of an Excel serial number (1900 date system), when it lies between 20000 (1954) and
    /// 80000 (2119) and is whole; else nil, so that ordinary numbers are not taken for dates.
    public func date(serial: Double) -> CivilDate? {
        guard serial.isFinite, serial >= 20_000, serial <= 80_000, serial == serial.rounded(.down) else { return nil }
        return ExcelDate.civilDate(day: Int(serial), system: .d1900)
    }
}
