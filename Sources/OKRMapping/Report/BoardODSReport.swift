import ODSAdapter
import OKRCore
import SheetKit
import XLSXAdapter

/// The board-ready report as an OpenDocument spreadsheet: the same sheets, cells, cached values and
/// layout as ``BoardXLSXReport`` (whose plans it translates), with formulas in OpenFormula (`of:=`).
///
/// What carries over: labels, values and number formats, fonts (bold, italic, size, colour), fills,
/// borders, alignment, indents and wrapping, row heights, live progress and score formulas with
/// OKRCore's numbers as cached values, the progress data bars, the status colours as cell-comparison
/// rules, the overdue-deadline rule, the status drop-down, the frozen header, the autofilter, column
/// widths, and the print setup: landscape, one page wide, the print range, the repeated header row and
/// the footer with page x of y. What does not: the summary's bar chart and the KPI sheet's sparklines
/// (the numbers stand alone).
public struct BoardODSReport {
    let plans: BoardXLSXReport

    public init(language: String, mapping: Mapping = .auto) {
        plans = BoardXLSXReport(language: language, mapping: mapping)
    }

    /// Writes the report to `path` (standard output when nil).
    ///
    /// - Throws: ``SheetError`` when the file cannot be written.
    public func write(_ model: OKRModel, to path: String?) throws {
        let writer = try ODSWriter(path: path)
        let (board, objectiveRows) = plans.boardSheet(model)
        let summary = plans.summarySheet(model, boardName: board.name, objectiveRows: objectiveRows)
        for plan in [board] + [plans.kpiSheet(model)].compactMap({ $0 }) + [summary] {
            try writer.beginSheet(SheetInfo(name: plan.name), layout: Self.layout(plan))
            var styles: [XLSXCellFormat: CellStyle] = [:]
            for row in plan.rows {
                let cells = row.cells.map { cell in
                    Cell(column: cell.column, value: cell.value, formula: cell.formula.map(Self.openFormula),
                         style: Self.style(cell.format, cache: &styles))
                }
                try writer.write(Row(index: row.index, cells: cells, hidden: row.hidden))
            }
            try writer.endSheet(SheetSummary())
        }
        try writer.finish()
    }

    /// The ODS cell style of an XLSX cell format, shared among the cells that look alike.
    static func style(_ format: XLSXCellFormat?, cache: inout [XLSXCellFormat: CellStyle]) -> CellStyle? {
        guard let format, format != .standard else { return nil }
        if let style = cache[format] { return style }
        let font = format.font, border = format.border, alignment = format.alignment
        let look = CellLook(fontSize: font.size == XLSXCellFormat.Font().size ? nil : font.size, fontColor: font.color, italic: font.italic,
                            borderTop: border?.top, borderBottom: border?.bottom, borderLeft: border?.left, borderRight: border?.right,
                            borderColor: border?.color ?? "A6A6A6", horizontal: alignment?.horizontal, vertical: alignment?.vertical,
                            indent: alignment?.indent ?? 0, wrap: alignment?.wrap ?? false)
        let style = CellStyle(numberFormat: format.numberFormat, bold: font.bold, fill: format.fill, look: look == CellLook() ? nil : look)
        cache[format] = style
        return style
    }

    /// The ODS layout of a sheet plan: frozen rows, widths, print range and header row, status rules,
    /// data bars and validation lists.
    static func layout(_ plan: BoardXLSXReport.SheetPlan) -> ODSSheetLayout {
        let source = plan.layout
        var layout = ODSSheetLayout()
        layout.frozenRows = source.frozenRows
        layout.frozenColumns = source.frozenColumns
        layout.columnWidths = source.columnWidths
        layout.headerRows = source.print?.titleRows
        layout.autoFilter = source.autoFilter
        for row in plan.rows { if let height = row.height { layout.rowHeights[row.index] = height } }
        if let print = source.print {
            layout.page = ODSPageSetup(landscape: print.landscape, fitToWidth: print.fitToWidth, fitToHeight: print.fitToHeight,
                                       a4: print.paperSize != 1, header: print.header, footer: print.footer)
        }
        let lastRow = plan.rows.map(\.index).max() ?? 0
        let lastColumn = max(0, (plan.rows.flatMap { $0.cells.map(\.column) }.max() ?? 0), source.columnWidths.count - 1)
        layout.printRange = CellRange(first: CellReference(row: 0, column: 0), last: CellReference(row: lastRow, column: lastColumn))
        layout.conditionalFormats = source.conditionalFormats.compactMap { format in
            switch format.rule {
            case .cellIs(let op, let formula, let highlight):
                return ODSConditionalFormat(range: format.range, rule: .cellIs(
                    operator: op, value: formula, format: ODSHighlight(fontColor: highlight.fontColor, bold: highlight.bold, fill: highlight.fill)))
            case .expression(let formula, let highlight):
                return ODSConditionalFormat(range: format.range, rule: .formula(
                    expression: openFormula(formula), format: ODSHighlight(fontColor: highlight.fontColor, bold: highlight.bold, fill: highlight.fill)))
            case .dataBar(let minimum, let maximum, let color):
                return ODSConditionalFormat(range: format.range, rule: .dataBar(minimum: minimum, maximum: maximum, color: color))
            }
        }
        layout.validations = source.dataValidations.map { ODSValidation(range: $0.range, values: $0.values, strict: $0.strict) }
        return layout
    }

    /// An Excel A1 formula in OpenFormula: references in brackets (`[.G4]`, `[.C5:.C9]`, `[$OKR.G4]`),
    /// `;` between arguments; text literals kept as they are.
    static func openFormula(_ excel: String) -> String {
        let chars = Array(excel)
        var out = ""
        var i = 0
        func isWord(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" || c == "$" || c == "." }
        /// A cell reference (`G4`, `$I4`) at `j`: its text and the index after it.
        func reference(at j: Int) -> (String, Int)? {
            var k = j
            while k < chars.count, isWord(chars[k]) { k += 1 }
            let word = String(chars[j..<k])
            return isReference(word) ? (word, k) : nil
        }
        while i < chars.count {
            let c = chars[i]
            if c == "\"" {
                var k = i + 1
                while k < chars.count {
                    if chars[k] == "\"" {
                        if k + 1 < chars.count, chars[k + 1] == "\"" { k += 2; continue }
                        break
                    }
                    k += 1
                }
                out += String(chars[i...min(k, chars.count - 1)])
                i = k + 1
                continue
            }
            if c == "," { out += ";"; i += 1; continue }
            var sheet: String?
            var j = i
            if c == "'" {
                var k = i + 1
                var name = ""
                while k < chars.count {
                    if chars[k] == "'" {
                        if k + 1 < chars.count, chars[k + 1] == "'" { name += "'"; k += 2; continue }
                        break
                    }
                    name.append(chars[k])
                    k += 1
                }
                if k + 1 < chars.count, chars[k + 1] == "!" {
                    sheet = name
                    j = k + 2
                }
            } else if isWord(c), !(i > 0 && isWord(chars[i - 1])) {
                var k = i
                while k < chars.count, isWord(chars[k]) { k += 1 }
                if k < chars.count, chars[k] == "!" {
                    sheet = String(chars[i..<k])
                    j = k + 1
                }
            }
            if (sheet != nil || (isWord(c) && !(i > 0 && isWord(chars[i - 1])))), let (first, end) = reference(at: j),
               end >= chars.count || chars[end] != "(" {
                let prefix = sheet.map { "$" + quoted($0) } ?? ""
                var text = "[" + prefix + "." + first
                var next = end
                if end < chars.count, chars[end] == ":", let (last, after) = reference(at: end + 1) {
                    text += ":." + last
                    next = after
                }
                out += text + "]"
                i = next
                continue
            }
            if isWord(c) {
                var k = i
                while k < chars.count, isWord(chars[k]) { k += 1 }
                out += String(chars[i..<k])
                i = k
                continue
            }
            out.append(c)
            i += 1
        }
        return out
    }

    /// Whether `word` is an A1 cell reference: `$`-optional letters, then `$`-optional digits.
    static func isReference(_ word: String) -> Bool {
        var rest = Substring(word)
        if rest.hasPrefix("$") { rest = rest.dropFirst() }
        let letters = rest.prefix { $0.isASCII && $0.isUppercase }
        guard (1...3).contains(letters.count) else { return false }
        rest = rest.dropFirst(letters.count)
        if rest.hasPrefix("$") { rest = rest.dropFirst() }
        return !rest.isEmpty && rest.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// A sheet name for an OpenFormula reference: quoted with `'` (doubled inside) unless a plain word.
    static func quoted(_ sheet: String) -> String {
        let plain = sheet.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
        return plain ? sheet : "'" + sheet.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
    }
}
