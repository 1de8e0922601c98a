/// Reads the digits-and-separators text of a number token under a decimal convention.
///
/// The rules, where `decimalComma` is true for nl/fr (`1.200` = 1200, `7,2` = 7.2) and false for en:
/// - spaces (and no-break spaces) are thousands separators: `1 234,56`;
/// - with both `.` and `,` the last one is the decimal mark: `1.234,5`, `1,234.5`;
/// - a mark used twice or more is a thousands separator: `1.234.567`;
/// - a single mark followed by other than three digits is a decimal mark (`7,2`, `0.25`); if it is not
///   the convention's mark, the reading is flagged ambiguous;
/// - a single mark followed by exactly three digits (`1.200`, `1,200`) follows the convention; with no
///   convention it follows the language's (nl/fr: `.` groups thousands; en: `.` is decimal) and is
///   flagged ambiguous.
///
/// SheetKit's `NumberLocale.parseNumber` reads one known locale strictly; this reading also serves an
/// unknown convention and says when the evidence leaves a value ambiguous, which the OKR import must
/// report (DESIGN.md). TODO(lead): fold the ambiguity rules into NumberLocale and call it from here.
enum NumberReading {
    /// The value of `literal`, whether the convention left it ambiguous; nil when it is no number
    /// (`1.2.3`, `12,34,5`).
    static func read(_ literal: String, decimalComma: Bool?, languageDecimalComma: Bool) -> (value: Double, ambiguous: Bool)? {
        var groups: [String] = [""]
        var marks: [Character] = []
        var spaced = false
        for ch in literal {
            switch ch {
            case "0"..."9": groups[groups.count - 1].append(ch)
            case " ": spaced = true
            case ".", ",":
                marks.append(ch)
                groups.append("")
            default: return nil
            }
        }
        guard !marks.isEmpty else { return number(groups[0], "").map { ($0, false) } }
        let convention = decimalComma ?? languageDecimalComma
        let conventionMark: Character = convention ? "," : "."
        let dots = marks.filter { $0 == "." }.count
        let commas = marks.count - dots
        if groups[0].isEmpty {  // `,5`: a leading decimal mark
            guard marks.count == 1 else { return nil }
            return number("0", groups[1]).map { ($0, decimalComma != nil && marks[0] != conventionMark) }
        }
        if spaced && marks.count > 1 { return nil }
        if dots > 0 && commas > 0 {
            // The last mark is the decimal one; the others group thousands.
            guard let last = marks.last, marks.dropLast().allSatisfy({ $0 != last }),
                  groupsAreThousands(groups.dropLast()) else { return nil }
            return number(groups.dropLast().joined(), groups[groups.count - 1]).map { ($0, false) }
        }
        let mark = marks[0]
        if marks.count > 1 {
            guard groupsAreThousands(groups[...]) else { return nil }
            return number(groups.joined(), "").map { ($0, false) }
        }
        let whole = groups[0], fraction = groups[1]
        let thousandsShape = fraction.count == 3 && whole.count <= 3 && whole.first != "0"
        if !thousandsShape || spaced {
            let ambiguous = decimalComma != nil && mark != conventionMark && !spaced
            return number(whole, fraction).map { ($0, ambiguous) }
        }
        let isThousands = mark != conventionMark
        let value = isThousands ? number(whole + fraction, "") : number(whole, fraction)
        return value.map { ($0, decimalComma == nil) }
    }

    /// Whether the groups read as `1`–`3` digits, then groups of exactly three.
    private static func groupsAreThousands(_ groups: ArraySlice<String>) -> Bool {
        guard let first = groups.first, (1...3).contains(first.count) else { return false }
        return groups.dropFirst().allSatisfy { $0.count == 3 }
    }

    private static func number(_ whole: String, _ fraction: String) -> Double? {
        let text = fraction.isEmpty ? whole : whole + "." + fraction
        guard !text.isEmpty, let value = Double(text), value.isFinite else { return nil }
        return value
    }
}
