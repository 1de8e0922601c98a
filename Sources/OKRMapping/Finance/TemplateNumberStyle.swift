import Foundation
import SheetKit

/// How a template writes a number in a text cell (CSV): decimal comma or point, thousands grouping, a
/// currency or `%` around it, a fixed number of decimals. Inferred from a cell of the template, so that a
/// value written back looks like its neighbours: `1.240` → `1.315`, `€ 96.500` → `€ 131.806,11`,
/// `21%` → `24%`.
struct TemplateNumberStyle: Sendable, Hashable {
    var decimalComma: Bool
    /// The thousands separator, nil for none.
    var groupSeparator: Character?
    var prefix = ""
    var suffix = ""
    /// The number is written ×100 with a `%` (in ``suffix``).
    var percent = false
    /// Fixed decimals; nil: as many as the value needs (at most 9). Inferred styles hold the decimals
    /// of the text they come from; callers writing a measured value clear them.
    var decimals: Int?

    init(decimalComma: Bool) {
        self.decimalComma = decimalComma
    }

    /// The style of `text`, nil when it is not a number written plainly.
    init?(inferredFrom text: String, decimalComma: Bool) {
        self.init(decimalComma: decimalComma)
        let t = text.trimmingCharacters(in: .whitespaces)
        let chars = Array(t)
        guard let first = chars.firstIndex(where: { $0.isNumber || $0 == "-" || $0 == "+" || $0 == "−" }),
              let last = chars.lastIndex(where: { $0.isNumber }), first <= last else { return nil }
        let head = String(chars[..<first]), tail = String(chars[(last + 1)...])
        let decorations: Set<String> = ["", "€", "€ ", "$", "$ ", "£", "£ ", "EUR ", "USD "]
        let tails: Set<String> = ["", "%", " %", " €", "€", " EUR", " USD", "$", " $"]
        guard decorations.contains(head), tails.contains(tail) else { return nil }
        prefix = head
        suffix = tail
        percent = tail.contains("%")
        let core = chars[first...last]
        let decimalMark: Character = decimalComma ? "," : "."
        let groups: [Character] = decimalComma ? [".", " ", "\u{A0}", "\u{202F}"] : [",", " ", "\u{A0}", "\u{202F}"]
        groupSeparator = groups.first { core.contains($0) }
        guard core.allSatisfy({ $0.isNumber || $0 == decimalMark || $0 == groupSeparator || "-+−".contains($0) }),
              core.filter({ $0 == decimalMark }).count <= 1 else { return nil }
        if let mark = core.firstIndex(of: decimalMark) {
            decimals = core.distance(from: core.index(after: mark), to: core.endIndex)
        } else {
            decimals = 0
        }
    }

    /// `value` in this style.
    func format(_ value: Double) -> String {
        var v = percent ? value * 100 : value
        if let decimals {
            let factor = pow(10, Double(decimals))
            v = (v * factor).rounded() / factor
        } else {
            v = (v * 1e9).rounded() / 1e9
        }
        if v == 0 { v = 0 }  // no "-0"
        var text: String
        if let decimals {
            text = String(format: "%.\(decimals)f", v)
        } else {
            text = CellValue.numberText(v)
            if text.contains("e") {
                text = String(format: "%.9f", v)
                while text.hasSuffix("0") { text.removeLast() }
                if text.hasSuffix(".") { text.removeLast() }
            }
        }
        var negative = false
        if text.hasPrefix("-") {
            negative = true
            text.removeFirst()
        }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        var whole = String(parts[0])
        if let group = groupSeparator, whole.count > 3 {
            var grouped = ""
            for (i, c) in whole.enumerated() {
                if i > 0, (whole.count - i) % 3 == 0 { grouped.append(group) }
                grouped.append(c)
            }
            whole = grouped
        }
        var out = (negative ? "-" : "") + prefix + whole
        if parts.count == 2 { out += (decimalComma ? "," : ".") + parts[1] }
        return out + suffix
    }
}
