import Foundation
import SheetKit

/// Cuts a cell value or a sentence into ``ValueToken``s: numbers (with their separators as written),
/// numeric dates, ordinals, folded words and symbols. It knows nothing of decimal conventions; that is
/// ``NumberReading``'s job.
enum ValueLexer {
    /// The tokens of `text`. Never fails: anything unknown becomes a symbol.
    static func tokens(_ text: String) -> [ValueToken] {
        let s = Array(text.unicodeScalars)
        var out: [ValueToken] = []
        out.reserveCapacity(s.count / 3 + 1)
        var i = 0
        var space = false
        while i < s.count {
            let c = s[i]
            if isSpace(c) {
                space = true
                i += 1
                continue
            }
            if isIgnorable(c) {
                i += 1
                continue
            }
            if isApostrophe(c) {  // `d'ici`, `l'année`: two words
                space = true
                i += 1
                continue
            }
            if isDigit(c) || ((c == "." || c == ",") && i + 1 < s.count && isDigit(s[i + 1])
                && (i == 0 || !(isDigit(s[i - 1]) || s[i - 1] == "." || s[i - 1] == ","))) {
                i = lexNumber(s, at: i, space: space, into: &out)
            } else if isLetter(c) {
                var j = i
                while j < s.count {
                    if isLetter(s[j]) || isDigit(s[j]) {
                        j += 1
                    } else if isHyphen(s[j]), j > i, j + 1 < s.count, isLetter(s[j - 1]), isLetter(s[j + 1]) {
                        j += 1
                    } else if s[j] == ".", j > i, j + 1 < s.count, isDigit(s[j - 1]), isDigit(s[j + 1]) {
                        j += 1  // a version: `v2.0`, `S2.1`
                    } else {
                        break
                    }
                }
                let raw = String(String.UnicodeScalarView(s[i..<j]))
                out.append(ValueToken(kind: .word(fold(raw)), raw: raw, spaceBefore: space))
                i = j
            } else {
                let symbol: Character = isMinusLike(c) ? "-" : Character(c)
                out.append(ValueToken(kind: .symbol(symbol), raw: String(c), spaceBefore: space))
                i += 1
            }
            space = false
        }
        return out
    }

    // MARK: Numbers

    /// Reads a number (or a numeric date, or an ordinal) starting at `i`; returns the index after it.
    private static func lexNumber(_ s: [Unicode.Scalar], at i: Int, space: Bool, into out: inout [ValueToken]) -> Int {
        if let (date, end) = numericDate(s, at: i) {
            out.append(ValueToken(kind: .date(date), raw: text(s, i, end), spaceBefore: space))
            return end
        }
        var j = i
        var literal = String.UnicodeScalarView()
        var group = 0
        var marks = 0
        func digits() {
            group = 0
            while j < s.count, isDigit(s[j]) {
                literal.append(s[j])
                j += 1
                group += 1
            }
        }
        if !isDigit(s[j]) {  // a leading decimal mark: `,5`
            literal.append(s[j])
            j += 1
            marks += 1
        }
        digits()
        while j < s.count {
            if (s[j] == "." || s[j] == ","), j + 1 < s.count, isDigit(s[j + 1]) {
                literal.append(s[j])
                j += 1
                marks += 1
                digits()
            } else if isSpace(s[j]), marks == 0, group <= 3, threeDigitsFollow(s, j + 1) {
                literal.append(" ")
                j += 1
                digits()
            } else {
                break
            }
        }
        let number = String(literal)
        // A compound word that starts with digits: `27001-certificering`, `5-sterren` (not `2026-Q2`, nor the
        // `1` of `3:1-verhouding`).
        if marks == 0, j + 3 < s.count, isHyphen(s[j]), isLetter(s[j + 1]), isLetter(s[j + 2]), isLetter(s[j + 3]),
           i == 0 || s[i - 1] != ":", number.unicodeScalars.allSatisfy(isDigit) {
            var k = j + 1
            while k < s.count {
                if isLetter(s[k]) || isDigit(s[k]) {
                    k += 1
                } else if isHyphen(s[k]), k + 1 < s.count, isLetter(s[k - 1]) || isDigit(s[k - 1]), isLetter(s[k + 1]) {
                    k += 1
                } else {
                    break
                }
            }
            let raw = text(s, i, k)
            out.append(ValueToken(kind: .word(fold(raw)), raw: raw, spaceBefore: space))
            return k
        }
        // Letters glued to the digits: an ordinal, a unit or multiplier, or part of a word (`2FA`).
        if j < s.count, isLetter(s[j]) {
            var k = j
            while k < s.count, isLetter(s[k]) || isDigit(s[k]) { k += 1 }
            let suffixRaw = text(s, j, k)
            let suffix = fold(suffixRaw)
            let plain = number.unicodeScalars.allSatisfy(isDigit)
            if plain, ValueWords.ordinalSuffixes.contains(suffix), number.count <= 6, let n = Int(number) {
                out.append(ValueToken(kind: .ordinal(n), raw: text(s, i, k), spaceBefore: space))
                return k
            }
            if ValueWords.gluedSuffixes.contains(suffix) {
                out.append(ValueToken(kind: .number(number), raw: text(s, i, j), spaceBefore: space))
                out.append(ValueToken(kind: .word(suffix), raw: suffixRaw, spaceBefore: false))
                return k
            }
            let raw = text(s, i, k)
            out.append(ValueToken(kind: .word(fold(raw)), raw: raw, spaceBefore: space))
            return k
        }
        out.append(ValueToken(kind: .number(number), raw: text(s, i, j), spaceBefore: space))
        return j
    }

    /// `d-m-yyyy`, `d/m/yyyy`, `d.m.yyyy`, `d-m-yy`, `d/m/yy`, `yyyy-m-d`, `yyyy/m/d` at `i`, when it names a
    /// real day. Day-first; month-first (US) only when day-first cannot be a date.
    private static func numericDate(_ s: [Unicode.Scalar], at i: Int) -> (CivilDate, Int)? {
        func run(_ from: Int) -> (Int, Int)? {  // value, end
            var j = from, v = 0
            while j < s.count, isDigit(s[j]), j - from < 5 {
                v = v * 10 + Int(s[j].value - 48)
                j += 1
            }
            return j > from ? (v, j) : nil
        }
        guard let (a, e1) = run(i), e1 < s.count else { return nil }
        let sep = s[e1]
        guard sep == "-" || sep == "/" || sep == "." else { return nil }
        guard let (b, e2) = run(e1 + 1), e2 < s.count, s[e2] == sep, let (c, e3) = run(e2 + 1) else { return nil }
        // Not followed by more digits or another separated group (`1.200.000.5`).
        if e3 < s.count, isDigit(s[e3]) { return nil }
        if e3 < s.count, isLetter(s[e3]), !(s[e3] == "T" && e3 + 1 < s.count && isDigit(s[e3 + 1])) { return nil }
        if e3 + 1 < s.count, s[e3] == sep || s[e3] == ",", isDigit(s[e3 + 1]) { return nil }
        let lenA = e1 - i, lenB = e2 - e1 - 1, lenC = e3 - e2 - 1
        var candidates: [CivilDate] = []
        if lenA == 4, (1...2).contains(lenB), (1...2).contains(lenC), sep != "." {
            candidates = [CivilDate(year: a, month: b, day: c)]
        } else if (1...2).contains(lenA), (1...2).contains(lenB), lenC == 4 || (lenC == 2 && sep != ".") {
            let year = lenC == 2 ? 2000 + c : c
            candidates = [CivilDate(year: year, month: b, day: a), CivilDate(year: year, month: a, day: b)]
        }
        guard let date = candidates.first(where: { $0.isValid }) else { return nil }
        return (date, e3)
    }

    /// Whether exactly three digits start at `j` (a thousands group after a space).
    private static func threeDigitsFollow(_ s: [Unicode.Scalar], _ j: Int) -> Bool {
        guard j + 3 <= s.count, isDigit(s[j]), isDigit(s[j + 1]), isDigit(s[j + 2]) else { return false }
        return j + 3 == s.count || !isDigit(s[j + 3])
    }

    // MARK: Characters

    static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 48 && c.value <= 57 }

    static func isLetter(_ c: Unicode.Scalar) -> Bool {
        if c.isASCII { return (c.value | 0x20) >= 97 && (c.value | 0x20) <= 122 }
        return c.properties.isAlphabetic
    }

    static func isSpace(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x20, 0x09, 0x0A, 0x0D, 0xA0, 0x202F, 0x2009, 0x2007, 0x200A: return true
        default: return c.value > 0x7F && c.properties.isWhitespace
        }
    }

    /// Zero-width characters and emoji variation selectors.
    static func isIgnorable(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x200B, 0x200C, 0x200D, 0xFEFF, 0xFE0E, 0xFE0F, 0x00AD: return true
        default: return false
        }
    }

    static func isApostrophe(_ c: Unicode.Scalar) -> Bool {
        c == "'" || c == "\u{2019}" || c == "\u{2018}" || c == "\u{02BC}" || c == "`"
    }

    static func isHyphen(_ c: Unicode.Scalar) -> Bool { c == "-" || c == "\u{2010}" || c == "\u{2011}" }

    static func isMinusLike(_ c: Unicode.Scalar) -> Bool {
        c == "-" || c == "\u{2212}" || c == "\u{2013}" || c == "\u{2010}" || c == "\u{2011}" || c == "\u{FE63}" || c == "\u{FF0D}"
    }

    private static func text(_ s: [Unicode.Scalar], _ from: Int, _ to: Int) -> String {
        String(String.UnicodeScalarView(s[from..<to]))
    }

    /// Lowercased, without accents.
    static func fold(_ word: String) -> String {
        if word.utf8.allSatisfy({ $0 < 0x80 }) { return word.lowercased() }
        return word.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
    }
}
