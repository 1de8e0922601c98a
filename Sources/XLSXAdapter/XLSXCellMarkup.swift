import SheetKit
import XMLPackage

/// The XML of one cell, `<c r="F4" s="3" t="s"><v>12</v></c>`: the one place where a ``CellValue``
/// becomes SpreadsheetML, for the writer and for the patcher.
struct XLSXCellMarkup {
    var limits: Limits
    var dateSystem: DateSystem = .d1900
    /// The namespace prefix of the worksheet's elements with its colon (`x:`), or "".
    var prefix = ""

    /// Writes the cell `ref` holding `value` (and `formula`, whose cached value `value` is).
    ///
    /// - Parameters:
    ///   - style: the `s` attribute's value, nil for the default style.
    ///   - sharedString: the shared-string index to use for a text, nil to write it inline.
    ///   - location: where the cell is, for errors.
    /// - Throws: ``SheetError/limitExceeded(_:limit:value:howToRaise:)`` for a text or formula over the
    ///   cell-length limit.
    func write(ref: String, style: String?, value: CellValue, formula: String?, sharedString: (String) -> Int?,
               location: @autoclosure () -> SourceLocation, to xml: XMLTextWriter) throws {
        let c = prefix + "c", v = prefix + "v"
        let s = style.map { " s=\"\($0)\"" } ?? ""
        let formula = try formula.map { f -> String in
            guard f.count <= limits.maxCellLength else {
                throw SheetError.limitExceeded(location(), limit: "formula length (\(limits.maxCellLength) characters)",
                                               value: "\(f.count) characters", howToRaise: Limits.howToRaise("cell-length"))
            }
            return f
        }
        func open(_ type: String?) throws {
            try xml.raw("<\(c) r=\"\(ref)\"\(s)\(type.map { " t=\"\($0)\"" } ?? "")>")
            if let formula {
                try xml.raw("<\(prefix)f>")
                try xml.text(formula)
                try xml.raw("</\(prefix)f>")
            }
        }
        func number(_ text: String) throws {
            try xml.raw("<\(v)>\(text)</\(v)></\(c)>")
        }
        switch value {
        case .empty:
            if formula != nil { try open(nil); try xml.raw("</\(c)>") } else { try xml.raw("<\(c) r=\"\(ref)\"\(s)/>") }
        case .number(let d):
            guard d.isFinite else {
                try open("e")
                try number("#NUM!")
                return
            }
            try open(nil)
            try number(CellValue.numberText(d))
        case .bool(let b):
            try open("b")
            try number(b ? "1" : "0")
        case .error(let e):
            try open("e")
            try xml.raw("<\(v)>")
            try xml.text(e)
            try xml.raw("</\(v)></\(c)>")
        case .date, .dateTime, .time, .duration:
            let serial = ExcelDate.serial(of: value, system: dateSystem) ?? 0
            try open(nil)
            try number(CellValue.numberText(serial))
        case .text(let text):
            guard text.count <= limits.maxCellLength else {
                throw SheetError.limitExceeded(location(), limit: "cell length (\(limits.maxCellLength) characters)",
                                               value: "\(text.count) characters", howToRaise: Limits.howToRaise("cell-length"))
            }
            if formula != nil {
                try open("str")
                try xml.raw("<\(v)>")
                try xml.text(OOXMLEscape.encode(text))
                try xml.raw("</\(v)></\(c)>")
            } else if let index = sharedString(text) {
                try open("s")
                try number(String(index))
            } else {
                try open("inlineStr")
                try xml.raw(XLSXSharedStrings.needsPreserve(text) ? "<\(prefix)is><\(prefix)t xml:space=\"preserve\">" : "<\(prefix)is><\(prefix)t>")
                try xml.text(OOXMLEscape.encode(text))
                try xml.raw("</\(prefix)t></\(prefix)is></\(c)>")
            }
        }
    }

    /// Writes the common cells fast, byte by byte: a number, a text, a boolean or nothing, without a
    /// formula and without a prefix. Returns false for the others, which ``write(ref:style:value:formula:sharedString:location:to:)`` writes.
    func writeCommon(row: Int, column: Int, xf: Int, value: CellValue, sharedString: (String) -> Int?, to xml: XMLTextWriter) throws -> Bool {
        guard prefix.isEmpty else { return false }
        func open(_ type: StaticString?) throws {
            try xml.raw("<c r=\"")
            try XLSXCellMarkup.columnLetters(column, to: xml)
            try xml.decimal(row + 1)
            if xf != 0 {
                try xml.raw("\" s=\"")
                try xml.decimal(xf)
            }
            if let type {
                try xml.raw("\" t=\"")
                try xml.raw(type)
            }
            try xml.raw("\">")
        }
        switch value {
        case .number(let d) where d.isFinite:
            try open(nil)
            try xml.raw("<v>")
            if d == d.rounded(), abs(d) < 1e15 {
                if d < 0 { try xml.raw("-") }
                try xml.decimal(Int(abs(d)))
            } else {
                try xml.raw(CellValue.numberText(d))
            }
            try xml.raw("</v></c>")
        case .text(let text) where text.utf8.count <= limits.maxCellLength:
            if let index = sharedString(text) {
                try open("s")
                try xml.raw("<v>")
                try xml.decimal(index)
                try xml.raw("</v></c>")
            } else {
                try open("inlineStr")
                try xml.raw(XLSXSharedStrings.needsPreserve(text) ? "<is><t xml:space=\"preserve\">" : "<is><t>")
                try xml.text(OOXMLEscape.encode(text))
                try xml.raw("</t></is></c>")
            }
        case .bool(let b):
            try open("b")
            try xml.raw(b ? "<v>1</v></c>" : "<v>0</v></c>")
        default:
            return false
        }
        return true
    }

    /// The letters of a 0-based column (`AB`).
    static func columnLetters(_ column: Int, to xml: XMLTextWriter) throws {
        // A: 0–25, AA: 26–701, AAA: 702–16,383.
        if column >= 702 { xml.byte(UInt8(65 + ((column - 702) / 676) % 26)) }
        if column >= 26 { xml.byte(UInt8(65 + ((column - 26) / 26) % 26)) }
        xml.byte(UInt8(65 + column % 26))
    }
}
