import OKRCore

/// A quantity found among tokens, with where it lies.
struct QuantityMatch: Sendable, Hashable {
    var quantity: Quantity
    /// The tokens the quantity covers, prefix (comparator, currency, sign) and suffix (unit) included.
    var range: Range<Int>
    /// The index of the number itself.
    var numberIndex: Int
    /// Whether the number was written as a word (`vijf`, `trois`).
    var fromWord: Bool
    /// Whether a sign was written before the number (`+20%`, `−15%`).
    var signed: Bool
    /// Whether `met`/`by` stood before it (`verhogen met 20%`).
    var changeMarked: Bool
}

/// The grammar of a quantity, shared by cell values and key-result sentences:
///
///     [comparator] [met|by] [currency] [sign] NUMBER [: NUMBER] [multiplier] [% | currency | duration]
///     [trailing comparator] [free unit word]
enum QuantityGrammar {
    /// The decimal convention to read digits with.
    struct Convention: Sendable, Hashable {
        var decimalComma: Bool?
        var languageDecimalComma: Bool
    }

    /// The quantity that starts at token `start`, if one does.
    ///
    /// - Parameters:
    ///   - allowWords: whether a number may be written as a word (`vijf`).
    ///   - freeUnit: whether to take the word after the number as its unit (`1.200 leads`).
    static func match(_ t: [ValueToken], at start: Int, convention: Convention, allowWords: Bool,
                      freeUnit: Bool) -> QuantityMatch? {
        var p = start
        var comparator: Comparator?
        var currency: String?
        var sign: Double?
        var changeMarker = false
        var steps = 0
        prefix: while p < t.count, steps < 6 {
            steps += 1
            if comparator == nil, let (c, length) = comparatorPrefix(t, p) {
                comparator = c
                p += length
                if p < t.count, t[p].isSymbol("."), t[p - 1].word != nil { p += 1 }  // `max. 5`, `min. 8`
                continue
            }
            switch t[p].kind {
            case .symbol(let s):
                if currency == nil, let code = ValueWords.currencySymbols[s] {
                    currency = code
                    p += 1
                } else if sign == nil, s == "+" || s == "-", p + 1 < t.count, !t[p + 1].spaceBefore,
                          t[p + 1].numberText != nil || t[p + 1].symbol.map({ ValueWords.currencySymbols[$0] != nil }) == true {
                    sign = s == "-" ? -1 : 1
                    p += 1
                } else {
                    break prefix
                }
            case .word(let w):
                if !changeMarker, ValueWords.changeMarkers.contains(w), p + 1 < t.count {
                    changeMarker = true
                    p += 1
                } else if currency == nil, let code = ValueWords.currencyWords[w], p + 1 < t.count, t[p + 1].numberText != nil {
                    currency = code
                    p += 1
                } else {
                    break prefix
                }
            default:
                break prefix
            }
        }
        guard p < t.count else { return nil }
        var value: Double
        var ambiguous = false
        var fromWord = false
        if let text = t[p].numberText {
            guard let read = NumberReading.read(text, decimalComma: convention.decimalComma,
                                                languageDecimalComma: convention.languageDecimalComma) else { return nil }
            value = read.value
            ambiguous = read.ambiguous
        } else if allowWords, let w = t[p].word, let v = ValueWords.numberWords[w] ?? (w == "een" && t[p].raw.lowercased() == "één" ? 1 : nil) {
            value = v
            fromWord = true
        } else {
            return nil
        }
        let numberIndex = p
        p += 1
        var unit: String?
        // A ratio: `3:1`.
        if !fromWord, p + 1 < t.count, t[p].isSymbol(":"), !t[p].spaceBefore, !t[p + 1].spaceBefore,
           let a = t[numberIndex].numberText, let b = t[p + 1].numberText, isRatio(a, b), let d = Double(b), d != 0 {
            value /= d
            unit = "ratio"
            p += 2
        }
        // A multiplier: `2 miljoen`, `10k`, `€2M`.
        if unit == nil, p < t.count, let w = t[p].word {
            var factor = ValueWords.multipliers[w]
            if factor == nil, w == "m",
               currency != nil || t[p].raw == "M" || (p + 1 < t.count && t[p + 1].symbol.map { ValueWords.currencySymbols[$0] != nil } == true) {
                factor = 6
            }
            if let factor {
                value = shifted(value, by: factor)
                if w == "keur" || w == "meur" { currency = "EUR" }
                p += 1
            }
        }
        // The unit: `%`, a currency, a duration.
        if unit == nil, p < t.count {
            switch t[p].kind {
            case .symbol("%"):
                value = shifted(value, by: -2)
                unit = "percent"
                p += 1
            case .symbol("‰"):
                value = shifted(value, by: -3)
                unit = "percent"
                p += 1
            case .symbol(let s) where ValueWords.currencySymbols[s] != nil:
                currency = ValueWords.currencySymbols[s]
                p += 1
            case .word(let w):
                if ValueWords.percentWords.contains(w) {
                    value = shifted(value, by: -2)
                    unit = "percent"
                    p += 1
                } else if (w == "pour" || w == "per"), p + 1 < t.count, t[p + 1].isWord("cent") {
                    value = shifted(value, by: -2)
                    unit = "percent"
                    p += 2
                } else if let code = ValueWords.currencyWords[w] {
                    currency = code
                    p += 1
                } else if let d = ValueWords.durations[w], !fromWord || w.count > 2 {
                    unit = d
                    p += 1
                }
            default:
                break
            }
        }
        if unit == nil, let currency { unit = "currency:" + currency }
        if let sign { value *= sign }
        if comparator == nil, let (c, length) = trailingComparator(t, p) {
            comparator = c
            p += length
        }
        if unit == nil, freeUnit, let (word, end) = freeUnitWord(t, p) {
            unit = word
            p = end
        }
        let isPercent = unit == "percent"
        let quantity = Quantity(value: value, unit: unit, comparator: comparator,
                                isChange: isPercent && (sign != nil || changeMarker), ambiguous: ambiguous)
        return QuantityMatch(quantity: quantity, range: start..<p, numberIndex: numberIndex, fromWord: fromWord,
                             signed: sign != nil, changeMarked: changeMarker)
    }

    /// `value × 10^power`, rounded once: `99.9%` is 0.999, not 0.9990000000000001 as `99.9 / 100` gives.
    static func shifted(_ value: Double, by power: Int) -> Double {
        guard value.isFinite, let exact = Double(value.description + "e" + String(power)), exact.isFinite else {
            return value * pow10(power)
        }
        return exact
    }

    private static func pow10(_ power: Int) -> Double {
        var r = 1.0
        for _ in 0..<abs(power) { r *= 10 }
        return power < 0 ? 1 / r : r
    }

    /// A comparator written before a number: a symbol (`≥`, `>=`, `=>`, `<`) or words (`minstens`, `au moins`).
    static func comparatorPrefix(_ t: [ValueToken], _ p: Int) -> (Comparator, Int)? {
        guard p < t.count else { return nil }
        if let s = t[p].symbol {
            let nextIsEquals = p + 1 < t.count && t[p + 1].isSymbol("=") && !t[p + 1].spaceBefore
            switch s {
            case "≥", "⩾": return (.atLeast, 1)
            case "≤", "⩽": return (.atMost, 1)
            case ">": return nextIsEquals ? (.atLeast, 2) : (.above, 1)
            case "<": return nextIsEquals ? (.atMost, 2) : (.below, 1)
            case "=":
                if p + 1 < t.count, !t[p + 1].spaceBefore {
                    if t[p + 1].isSymbol(">") { return (.atLeast, 2) }
                    if t[p + 1].isSymbol("<") { return (.atMost, 2) }
                }
                return nil
            default: return nil
            }
        }
        return phrase(leading, t, p)
    }

    /// A comparator written after a number: `8 of meer`, `6% or less`.
    static func trailingComparator(_ t: [ValueToken], _ p: Int) -> (Comparator, Int)? {
        if p < t.count, t[p].isSymbol("+"), p + 1 == t.count || t[p + 1].spaceBefore, !t[p].spaceBefore {
            return (.atLeast, 1)
        }
        return phrase(trailing, t, p)
    }

    /// The comparator phrases by their first word, longest first.
    private static let leading = Dictionary(grouping: ValueWords.comparatorPhrases, by: { $0.0[0] })
    private static let trailing = Dictionary(grouping: ValueWords.trailingComparatorPhrases, by: { $0.0[0] })

    private static func phrase(_ phrases: [String: [([String], Comparator)]], _ t: [ValueToken], _ p: Int) -> (Comparator, Int)? {
        guard p < t.count, let first = t[p].word, let candidates = phrases[first] else { return nil }
        for (words, comparator) in candidates where p + words.count <= t.count {
            var ok = true
            for (k, w) in words.enumerated() where t[p + k].word != w {
                ok = false
                break
            }
            if ok { return (comparator, words.count) }
        }
        return nil
    }

    /// Whether `a:b` reads as a ratio rather than a time of day: plain digits, no leading zero, and not
    /// both of two digits or more (`3:1`, `10:1`, `1:10`; not `12:00`, `14:30`).
    static func isRatio(_ a: String, _ b: String) -> Bool {
        let digits: (String) -> Bool = { s in !s.isEmpty && s.count <= 4 && s.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }
        guard digits(a), digits(b), a.first != "0", b.first != "0" else { return false }
        return a.count < 2 || b.count < 2
    }

    /// The word a number counts, skipping adjectives: `1.000 nieuwe registraties` → `registraties`.
    static func freeUnitWord(_ t: [ValueToken], _ p: Int) -> (String, Int)? {
        var q = p
        var skipped = 0
        while q < t.count, let s = t[q].symbol, quotes.contains(s) { q += 1 }  // `“call-to-actions”`
        while q < t.count, skipped < 3, let w = t[q].word {
            let isAdjective = ValueWords.unitAdjectives.contains(w)
                || (w.hasSuffix("e") && w.count > 4)
            if isAdjective, let next = nextWordIndex(t, after: q), isCandidate(t[next]) {
                q = next
                skipped += 1
                continue
            }
            guard isCandidate(t[q]) else { return nil }
            return (w, q + 1)
        }
        return nil
    }

    private static let quotes: Set<Character> = ["\"", "“", "”", "„", "«", "»", "‘", "’"]

    /// The index of the next token after `q` that is not a quotation mark.
    private static func nextWordIndex(_ t: [ValueToken], after q: Int) -> Int? {
        var k = q + 1
        while k < t.count, let s = t[k].symbol, quotes.contains(s) { k += 1 }
        return k < t.count ? k : nil
    }

    /// Whether a token can be the word a number counts.
    private static func isCandidate(_ token: ValueToken) -> Bool {
        guard let w = token.word, w.count >= 2, !ValueWords.notUnits.contains(w),
              ValueWords.months[w] == nil, ValueWords.durations[w] == nil, ValueWords.numberWords[w] == nil,
              w.unicodeScalars.contains(where: { !ValueLexer.isDigit($0) && $0 != "-" }),
              !w.unicodeScalars.contains(where: ValueLexer.isDigit) else { return false }
        return true
    }
}
