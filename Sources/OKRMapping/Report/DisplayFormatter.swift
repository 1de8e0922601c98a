import OKRCore
import SheetKit

/// Numbers and dates as a report shows them in one language: `21%`, `€ 250.000`, `7,2`, `30-06-2026`.
/// The spreadsheets get number formats instead; this is for Markdown and cached display text.
public struct DisplayFormatter: Sendable {
    public let language: String

    public init(language: String) {
        self.language = language
    }

    var decimalSeparator: String { language == "en" ? "." : "," }
    var groupSeparator: String {
        switch language {
        case "en": return ","
        case "fr": return "\u{202F}"
        default: return "."
        }
    }

    /// A number with up to `decimals` decimals, grouped by thousands.
    public func number(_ value: Double, decimals: Int = 2) -> String {
        guard value.isFinite else { return "" }
        let factor = pow10(decimals)
        let rounded = (abs(value) * factor).rounded() / factor
        let whole = rounded.rounded(.down)
        var fraction = Int(((rounded - whole) * factor).rounded())
        var digits = String(Int64(whole))
        var grouped = ""
        while digits.count > 3 {
            grouped = groupSeparator + String(digits.suffix(3)) + grouped
            digits.removeLast(3)
        }
        grouped = digits + grouped
        var text = grouped
        if fraction > 0 {
            var fractionText = String(fraction)
            fractionText = String(repeating: "0", count: max(0, decimals - fractionText.count)) + fractionText
            while fractionText.hasSuffix("0") { fractionText.removeLast(); fraction /= 10 }
            text += decimalSeparator + fractionText
        }
        return (value < 0 && rounded != 0 ? "-" : "") + text
    }

    func pow10(_ n: Int) -> Double {
        var r = 1.0
        for _ in 0..<n { r *= 10 }
        return r
    }

    /// A score on the 0.0–1.0 scale, always with its one decimal: `0,4`, `1,0`.
    public func score(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10)\(decimalSeparator)\(abs(tenths % 10))"
    }

    /// A key result's value in its unit.
    public func value(_ value: Double?, unit: String?) -> String {
        guard let value else { return "" }
        switch unit {
        case "percent"?:
            return number(value * 100, decimals: 1) + (language == "fr" ? "\u{202F}%" : "%")
        case let u? where u.hasPrefix("currency:"):
            let code = String(u.dropFirst("currency:".count))
            let symbol = ["EUR": "€", "USD": "$", "GBP": "£"][code] ?? code
            let amount = number(value, decimals: abs(value) >= 1000 ? 0 : 2)
            return language == "en" ? symbol + amount : (language == "fr" ? amount + " " + symbol : symbol + " " + amount)
        default:
            return number(value)
        }
    }

    /// A fraction as a percentage: 0.4285… → `43%`.
    public func percent(_ fraction: Double?) -> String {
        guard let fraction else { return "" }
        return number(fraction * 100, decimals: 0) + (language == "fr" ? "\u{202F}%" : "%")
    }

    /// A date: `30-06-2026` for nl and fr, `2026-06-30` for en.
    public func date(_ date: CivilDate?) -> String {
        guard let date else { return "" }
        if language == "en" { return date.description }
        let d = date.description.split(separator: "-")
        return "\(d[2])-\(d[1])-\(d[0])"
    }

    /// The number format code a spreadsheet uses for a unit (so an edited value keeps its look).
    public func formatCode(unit: String?) -> String {
        switch unit {
        case "percent"?: return "0.0%"
        case let u? where u.hasPrefix("currency:EUR"): return language == "en" ? "\"€\"#,##0" : "\"€\" #,##0"
        case let u? where u.hasPrefix("currency:USD"): return "\"$\"#,##0"
        default: return "#,##0.##"
        }
    }

    /// The date format code: `dd-mm-yyyy` for nl and fr, `yyyy-mm-dd` for en.
    public var dateFormatCode: String { language == "en" ? "yyyy-mm-dd" : "dd-mm-yyyy" }
}
