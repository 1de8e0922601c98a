import SheetKit

/// Moves the relative references of an A1 formula by a number of rows and columns, as Excel does when
/// it copies a formula: what a shared formula's dependent cells compute (`<f t="shared" si="0"/>`).
///
/// `$`-absolute parts stay; string literals, quoted sheet names, function names and structured
/// references are left alone; a reference moved off the sheet becomes `#REF!`.
enum FormulaShifter {
    /// The formula `text` as it reads `rows` rows down and `columns` columns right of where it was written.
    static func shift(_ text: String, rows: Int, columns: Int) -> String {
        guard rows != 0 || columns != 0 else { return text }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 8)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                // A string literal or a quoted sheet name; a doubled quote escapes itself.
                var j = i + 1
                while j < bytes.count {
                    if bytes[j] == b {
                        if j + 1 < bytes.count, bytes[j + 1] == b { j += 2; continue }
                        break
                    }
                    j += 1
                }
                let end = min(j + 1, bytes.count)
                out.append(contentsOf: bytes[i..<end])
                i = end
            case UInt8(ascii: "["):
                var depth = 0, j = i
                repeat {
                    if bytes[j] == UInt8(ascii: "[") { depth += 1 } else if bytes[j] == UInt8(ascii: "]") { depth -= 1 }
                    j += 1
                } while j < bytes.count && depth > 0
                out.append(contentsOf: bytes[i..<j])
                i = j
            default:
                guard isWordByte(b) else {
                    out.append(b)
                    i += 1
                    continue
                }
                var j = i
                while j < bytes.count, isWordByte(bytes[j]) || isNumberTail(bytes, j, start: i) { j += 1 }
                let word = bytes[i..<j]
                let next = j < bytes.count ? bytes[j] : 0
                if next == UInt8(ascii: "(") || next == UInt8(ascii: "!") || (i > 0 && isNameByte(bytes[i - 1])) {
                    out.append(contentsOf: word)
                } else if let moved = moveCell(word, rows: rows, columns: columns) {
                    out.append(contentsOf: moved)
                } else if next == UInt8(ascii: ":"), let (moved, end) = moveLine(bytes, i, j, rows: rows, columns: columns) {
                    out.append(contentsOf: moved)
                    j = end
                } else {
                    out.append(contentsOf: word)
                }
                i = j
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || (b >= 48 && b <= 57) || b == UInt8(ascii: "$")
            || b == UInt8(ascii: "_") || b == UInt8(ascii: ".") || b == UInt8(ascii: "\\") || b >= 0x80
    }

    private static func isNameByte(_ b: UInt8) -> Bool {
        (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || (b >= 48 && b <= 57) || b == UInt8(ascii: "_")
            || b == UInt8(ascii: ".") || b >= 0x80
    }

    /// The sign of a number's exponent (`1E+3`) belongs to the number.
    private static func isNumberTail(_ bytes: [UInt8], _ j: Int, start: Int) -> Bool {
        guard bytes[j] == UInt8(ascii: "+") || bytes[j] == UInt8(ascii: "-"), j >= start + 2,
              bytes[j - 1] | 0x20 == UInt8(ascii: "e") else { return false }
        return bytes[start...(j - 2)].allSatisfy { ($0 >= 48 && $0 <= 57) || $0 == UInt8(ascii: ".") }
    }

    /// A reference part: optional `$`, letters, optional `$`, digits (either group may be absent).
    private struct Part {
        var columnAbsolute = false, rowAbsolute = false
        var column: Int?, row: Int?
    }

    private static func parsePart(_ word: ArraySlice<UInt8>) -> Part? {
        var part = Part()
        var i = word.startIndex
        var letters = 0, digits = 0, column = 0, row = 0
        if i < word.endIndex, word[i] == UInt8(ascii: "$") { part.columnAbsolute = true; i += 1 }
        while i < word.endIndex, let v = letterValue(word[i]) {
            column = column * 26 + v
            letters += 1
            i += 1
            if letters > 3 { return nil }
        }
        if i < word.endIndex, word[i] == UInt8(ascii: "$") {
            if letters == 0 { part.columnAbsolute = false }
            part.rowAbsolute = true
            i += 1
        }
        while i < word.endIndex, word[i] >= 48, word[i] <= 57 {
            row = row * 10 + Int(word[i] - 48)
            digits += 1
            i += 1
            if digits > 7 { return nil }
        }
        guard i == word.endIndex, letters + digits > 0 else { return nil }
        if letters > 0 {
            guard column <= CellReference.maxColumns else { return nil }
            part.column = column - 1
        }
        if digits > 0 {
            guard row >= 1, row <= CellReference.maxRows else { return nil }
            part.row = row - 1
        }
        if letters == 0 && word.first == UInt8(ascii: "$") { part.rowAbsolute = true }
        return part
    }

    private static func letterValue(_ b: UInt8) -> Int? {
        if b >= 65, b <= 90 { return Int(b) - 64 }
        if b >= 97, b <= 122 { return Int(b) - 96 }
        return nil
    }

    /// The text of a moved part, or nil when it falls off the sheet.
    private static func render(_ part: Part, rows: Int, columns: Int) -> [UInt8]? {
        var out: [UInt8] = []
        if let column = part.column {
            let c = part.columnAbsolute ? column : column + columns
            guard c >= 0, c < CellReference.maxColumns else { return nil }
            if part.columnAbsolute { out.append(UInt8(ascii: "$")) }
            out.append(contentsOf: CellReference.columnName(c).utf8)
        }
        if let row = part.row {
            let r = part.rowAbsolute ? row : row + rows
            guard r >= 0, r < CellReference.maxRows else { return nil }
            if part.rowAbsolute { out.append(UInt8(ascii: "$")) }
            out.append(contentsOf: String(r + 1).utf8)
        }
        return out
    }

    private static let invalid = Array("#REF!".utf8)

    /// A cell reference (`B7`, `$B7`, `B$7`) moved; nil when `word` is not one.
    private static func moveCell(_ word: ArraySlice<UInt8>, rows: Int, columns: Int) -> [UInt8]? {
        guard let part = parsePart(word), part.column != nil, part.row != nil else { return nil }
        return render(part, rows: rows, columns: columns) ?? invalid
    }

    /// A whole-column (`A:C`) or whole-row (`3:5`) range moved, with the index past it; nil otherwise.
    private static func moveLine(_ bytes: [UInt8], _ start: Int, _ colon: Int, rows: Int, columns: Int) -> ([UInt8], Int)? {
        var end = colon + 1
        while end < bytes.count, isWordByte(bytes[end]) { end += 1 }
        guard let a = parsePart(bytes[start..<colon]), let b = parsePart(bytes[(colon + 1)..<end]),
              (a.column == nil) == (b.column == nil), (a.row == nil) == (b.row == nil),
              a.column == nil || a.row == nil else { return nil }
        guard let first = render(a, rows: rows, columns: columns), let second = render(b, rows: rows, columns: columns) else {
            return (invalid, end)
        }
        return (first + [UInt8(ascii: ":")] + second, end)
    }
}
