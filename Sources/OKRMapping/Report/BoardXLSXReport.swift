import OKRCore
import SheetKit
import XLSXAdapter

/// The board-ready XLSX report (DESIGN.md, "Board-ready export"): an OKR sheet with a title, a frozen header,
/// objectives as bold group rows with their key results indented beneath, live progress and score formulas
/// with OKRCore's numbers as cached values, a progress data bar, status colours by conditional formatting
/// and a drop-down of the statuses, an autofilter, fitted widths and a one-page-wide landscape print setup;
/// then, when the model has KPIs, a KPI sheet (``kpiSheet(_:)``); then a summary sheet per objective, per
/// level and per status (and per KPI status, with the KPI tree), with a bar chart of objective progress.
///
/// What the formulas cover (G is progress, D start, E current, F target of the same row):
/// - a metric key result with a start: `MAX(0,(E-D)/(F-D))`; without a start, increasing: `MAX(0,E/F)`;
/// - a comparator key result: `IF(E>=F,1,…)` with the comparator, else the metric rule, or 0 for `<=`/`<`
///   without a start (as OKRCore);
/// - a milestone: its current cell holds 1 (done) or 0 (not done), shown as words; progress `IF(E>=1,1,0)`;
/// - each of these is wrapped in `IF(E="","",…)`, so a key result without a current value shows nothing;
/// - a key result whose progress OKRCore cannot compute (no target, start equal to target, a decrease
///   without a start) gets no formula and an empty progress cell;
/// - an objective: the weighted mean of `MIN(1,N(G))` over its key results, a key result without a current
///   value counting 0 and one whose progress cannot be computed left out; weights are constants;
/// - score: `IF(G="","",ROUND(MIN(1,G),1))`.
/// Status cells hold the computed label as a value (the drop-down lets a person override it).
public struct BoardXLSXReport {
    public let labels: ReportLabels
    public let format: DisplayFormatter

    public init(language: String, mapping: Mapping = .auto) {
        labels = ReportLabels(language: language, mapping: mapping)
        format = DisplayFormatter(language: labels.language)
    }

    /// One sheet ready to write: its rows and layout.
    struct SheetPlan {
        var name: String
        var rows: [XLSXRow] = []
        var layout = XLSXSheetLayout()
    }

    /// The board sheet's columns, 0-based.
    enum Column {
        static let level = 0, title = 1, owner = 2, start = 3, current = 4, target = 5
        static let progress = 6, score = 7, status = 8, deadline = 9
        static let count = 10
    }

    /// 0-based rows of the board: title, header, first objective.
    static let titleRow = 0, headerRow = 2, firstDataRow = 3

    /// The colours of the statuses: fill and text, `RRGGBB`.
    static func colors(_ status: Status) -> (fill: String, font: String) {
        switch status {
        case .achieved: return ("C6EFCE", "006100")
        case .onTrack: return ("DDEBF7", "1F4E78")
        case .atRisk: return ("FFEB9C", "9C5700")
        case .offTrack: return ("FFC7CE", "9C0006")
        case .notStarted: return ("EDEDED", "595959")
        }
    }

    static let headerFill = "1F4E78"
    static let groupFill = "F2F2F2"
    static let barColor = "5B9BD5"

    /// Writes the report to `path` (standard output when nil).
    ///
    /// - Throws: ``SheetError`` when the file cannot be written.
    public func write(_ model: OKRModel, to path: String?) throws {
        let writer = try XLSXWriter(path: path)
        let (board, objectiveRows) = boardSheet(model)
        let summary = summarySheet(model, boardName: board.name, objectiveRows: objectiveRows)
        for plan in [board] + [kpiSheet(model)].compactMap({ $0 }) + [summary] {
            try writer.beginSheet(SheetInfo(name: plan.name), layout: plan.layout)
            for row in plan.rows { try writer.write(row) }
            try writer.endSheet(SheetSummary())
        }
        try writer.finish()
    }

    /// The report's title: `OKR-rapport Q2 2026 (stand op 15-05-2026)`.
    func title(_ model: OKRModel) -> String {
        var t = labels.reportTitle
        if let period = model.period { t += " " + period.label }
        if let asOf = model.asOf { t += " (\(labels.asOf) \(format.date(asOf)))" }
        return t
    }

    var pageFooter: String { labels.pick("Page &P of &N", "Pagina &P van &N", "Page &P sur &N") }
    var idHeader: String { labels.pick("Id", "Id", "Id") }

    // MARK: - Cell formats

    static let titleFormat = XLSXCellFormat(font: .init(bold: true, size: 14, color: headerFill))
    static let sectionFormat = XLSXCellFormat(font: .init(bold: true, size: 12, color: headerFill))

    /// A header cell: white bold text on dark blue, wrapped; `horizontal` is `left`, `center` or `right`.
    static func headerFormat(right: Bool, horizontal: String? = nil) -> XLSXCellFormat {
        XLSXCellFormat(font: .init(bold: true, color: "FFFFFF"), fill: headerFill,
                       border: .init(bottom: "medium", color: headerFill),
                       alignment: .init(horizontal: horizontal ?? (right ? "right" : "left"), vertical: "center", wrap: true))
    }

    /// The format of a board cell: objective rows bold on a grey band, key-result titles indented.
    static func cellFormat(_ numberFormat: String? = nil, objective: Bool, column: Int) -> XLSXCellFormat {
        let wraps = [Column.level, Column.title, Column.owner].contains(column)
        let indent = !objective && column == Column.title ? 1 : 0
        let horizontal: String? = indent > 0 ? "left" : (column == Column.score ? "center" : (column == Column.progress ? "right" : nil))
        return XLSXCellFormat(numberFormat: numberFormat, font: .init(bold: objective), fill: objective ? groupFill : nil,
                              border: .init(top: objective ? "thin" : nil, bottom: objective ? nil : "hair", color: objective ? "A6A6A6" : "D9D9D9"),
                              alignment: .init(horizontal: horizontal, vertical: "top", indent: indent, wrap: wraps))
    }

    /// The number format of a key result's start, current and target: the unit's code, with whole or
    /// decimal numbers for a plain count (the generic `#,##0.##` would show `7.`).
    func valueFormat(_ kr: KeyResult) -> String {
        let code = format.formatCode(unit: kr.unit)
        guard code == "#,##0.##" else { return code }
        let values = [kr.start, kr.current, kr.target].compactMap { $0 }
        return values.allSatisfy { $0 == $0.rounded() } ? "#,##0" : "#,##0.0#"
    }

    /// The target's format for a comparator key result: `≥ 8`.
    func targetFormat(_ kr: KeyResult) -> String {
        let code = valueFormat(kr)
        guard let comparator = kr.comparator else { return code }
        let sign = ["<=": "≤", ">=": "≥"][comparator.rawValue] ?? comparator.rawValue
        return code.hasPrefix("\"") ? "\"\(sign) " + code.dropFirst() : "\"\(sign) \"" + code
    }

    /// A milestone's current value (1 or 0) shown as words.
    var milestoneFormat: String { "\"✓ \(labels.done)\";\"-\";\"\(labels.notDone)\"" }

    // MARK: - Formulas

    /// The progress formula of a key result in 1-based row `r`, nil where OKRCore has no progress to compute.
    static func progressFormula(_ kr: KeyResult, row r: Int) -> String? {
        let s = "D\(r)", c = "E\(r)", t = "F\(r)"
        let rule: String
        if kr.kind == .milestone {
            rule = "IF(\(c)>=1,1,0)"
        } else {
            guard let target = kr.target else { return nil }
            let linear = kr.start.map { $0 != target } == true ? "MAX(0,(\(c)-\(s))/(\(t)-\(s)))" : nil
            if let comparator = kr.comparator {
                let otherwise = linear ?? (comparator.wantsLow ? "0" : (target != 0 ? "MAX(0,\(c)/\(t))" : "\"\""))
                rule = "IF(\(c)\(comparator.rawValue)\(t),1,\(otherwise))"
            } else if kr.start != nil {
                guard let linear else { return nil }
                rule = linear
            } else {
                guard kr.direction == .increase, target != 0 else { return nil }
                rule = "MAX(0,\(c)/\(t))"
            }
        }
        return "IF(\(c)=\"\",\"\",\(rule))"
    }

    /// The objective's progress formula over its key results' rows (1-based), nil when none counts.
    static func objectiveFormula(_ objective: Objective, firstRow: Int) -> String? {
        var terms: [String] = []
        var weights = 0.0
        let equal = objective.keyResults.allSatisfy { $0.weight == 1 }
        for (i, kr) in objective.keyResults.enumerated() where kr.current == nil || kr.progress != nil {
            let term = "MIN(1,N(G\(firstRow + i)))"
            terms.append(equal ? term : "\(CellValue.numberText(kr.weight))*\(term)")
            weights += kr.weight
        }
        guard !terms.isEmpty, weights > 0 else { return nil }
        return "(\(terms.joined(separator: "+")))/\(CellValue.numberText(weights))"
    }

    static func scoreFormula(row r: Int) -> String { "IF(G\(r)=\"\",\"\",ROUND(MIN(1,G\(r)),1))" }

    /// A formula cell with its cached value: the number, or empty text when there is none.
    static func formulaCell(_ column: Int, _ formula: String?, _ value: Double?, _ format: XLSXCellFormat) -> XLSXRow.Cell {
        guard let formula else { return XLSXRow.Cell(column: column, value: value.map(CellValue.number) ?? .empty, format: format) }
        return XLSXRow.Cell(column: column, value: value.map(CellValue.number) ?? .text(""), formula: formula, format: format)
    }

    // MARK: - The OKR sheet

    /// The board sheet, and the 1-based row of each objective (for the summary's links).
    func boardSheet(_ model: OKRModel) -> (SheetPlan, [Int]) {
        var plan = SheetPlan(name: "OKR")
        let reportTitle = title(model)
        plan.rows.append(XLSXRow(index: Self.titleRow, cells: [XLSXRow.Cell(column: 0, value: .text(reportTitle), format: Self.titleFormat)], height: 22))
        let headers = [labels.level, labels.objectiveOrKeyResult, labels.owner, labels.start, labels.current, labels.target,
                       labels.progress, labels.score, labels.status, labels.deadline]
        let numeric: Set<Int> = [Column.start, Column.current, Column.target, Column.progress, Column.score]
        plan.rows.append(XLSXRow(index: Self.headerRow, cells: headers.enumerated().map {
            XLSXRow.Cell(column: $0.offset, value: .text($0.element),
                         format: Self.headerFormat(right: numeric.contains($0.offset), horizontal: $0.offset == Column.score ? "center" : nil))
        }, height: 30))
        var widths = headers.map { Double($0.split(separator: " ").map(\.count).max() ?? 0) + 1 }
        func measure(_ column: Int, _ text: String, bold: Bool = false) {
            widths[column] = max(widths[column], Double(text.count) * (bold ? 1.1 : 1.0))
        }
        var index = Self.firstDataRow
        var objectiveRows: [Int] = []
        for objective in model.objectives {
            let r = index + 1
            objectiveRows.append(r)
            func f(_ column: Int, _ code: String? = nil) -> XLSXCellFormat { Self.cellFormat(code, objective: true, column: column) }
            var cells: [XLSXRow.Cell] = []
            let level = objective.level == nil && objective.levelLabel == nil ? "" : labels.levelName(objective.level, label: objective.levelLabel)
            cells.append(XLSXRow.Cell(column: Column.level, value: .text(level), format: f(Column.level)))
            cells.append(XLSXRow.Cell(column: Column.title, value: .text(objective.title), format: f(Column.title)))
            cells.append(XLSXRow.Cell(column: Column.owner, value: .text(objective.owner ?? ""), format: f(Column.owner)))
            for column in [Column.start, Column.current, Column.target] { cells.append(XLSXRow.Cell(column: column, value: .empty, format: f(column))) }
            let formula = objective.keyResults.isEmpty ? nil : Self.objectiveFormula(objective, firstRow: r + 1)
            cells.append(Self.formulaCell(Column.progress, formula, objective.progress, f(Column.progress, "0%")))
            cells.append(Self.formulaCell(Column.score, objective.progress == nil && formula == nil ? nil : Self.scoreFormula(row: r),
                                          objective.score, f(Column.score, "0.0")))
            cells.append(XLSXRow.Cell(column: Column.status, value: .text(objective.status.map(labels.label) ?? ""), format: f(Column.status)))
            cells.append(XLSXRow.Cell(column: Column.deadline, value: .empty, format: f(Column.deadline)))
            plan.rows.append(XLSXRow(index: index, cells: cells))
            measure(Column.level, level, bold: true)
            measure(Column.title, objective.title, bold: true)
            measure(Column.owner, objective.owner ?? "", bold: true)
            measure(Column.status, objective.status.map(labels.label) ?? "", bold: true)
            index += 1
            for kr in objective.keyResults {
                let r = index + 1
                func k(_ column: Int, _ code: String? = nil) -> XLSXCellFormat { Self.cellFormat(code, objective: false, column: column) }
                let code = valueFormat(kr)
                var cells: [XLSXRow.Cell] = [XLSXRow.Cell(column: Column.level, value: .empty, format: k(Column.level))]
                cells.append(XLSXRow.Cell(column: Column.title, value: .text(kr.title), format: k(Column.title)))
                cells.append(XLSXRow.Cell(column: Column.owner, value: .text(kr.owner ?? ""), format: k(Column.owner)))
                cells.append(XLSXRow.Cell(column: Column.start, value: kr.start.map(CellValue.number) ?? .empty, format: k(Column.start, code)))
                let currentCode = kr.kind == .milestone ? milestoneFormat : code
                cells.append(XLSXRow.Cell(column: Column.current, value: kr.current.map(CellValue.number) ?? .empty, format: k(Column.current, currentCode)))
                cells.append(XLSXRow.Cell(column: Column.target, value: kr.target.map(CellValue.number) ?? .empty, format: k(Column.target, targetFormat(kr))))
                let formula = Self.progressFormula(kr, row: r)
                cells.append(Self.formulaCell(Column.progress, formula, kr.progress, k(Column.progress, "0%")))
                cells.append(Self.formulaCell(Column.score, formula.map { _ in Self.scoreFormula(row: r) }, kr.score, k(Column.score, "0.0")))
                cells.append(XLSXRow.Cell(column: Column.status, value: .text(kr.status.map(labels.label) ?? ""), format: k(Column.status)))
                cells.append(XLSXRow.Cell(column: Column.deadline, value: kr.deadline.map(CellValue.date) ?? .empty,
                                          format: k(Column.deadline, format.dateFormatCode)))
                plan.rows.append(XLSXRow(index: index, cells: cells))
                measure(Column.title, kr.title + "   ")
                measure(Column.owner, kr.owner ?? "")
                measure(Column.start, format.value(kr.start, unit: kr.unit))
                measure(Column.current, kr.kind == .milestone ? "✓ " + labels.notDone : format.value(kr.current, unit: kr.unit))
                measure(Column.target, format.value(kr.target, unit: kr.unit) + (kr.comparator == nil ? "" : "≥ "))
                measure(Column.status, kr.status.map(labels.label) ?? "")
                measure(Column.deadline, "30-06-2026")
                index += 1
            }
        }
        measure(Column.progress, "100%")
        measure(Column.score, "0,0")
        let caps = [22.0, 60, 24, 14, 14, 14, 12, 9, 20, 12]
        plan.layout.columnWidths = widths.enumerated().map { min(caps[$0.offset], $0.element + 2.5) }
        Self.fitHeights(&plan.rows, widths: plan.layout.columnWidths, from: Self.firstDataRow)
        let last = max(Self.firstDataRow, index - 1)
        func range(_ column: Int) -> CellRange {
            CellRange(first: CellReference(row: Self.firstDataRow, column: column), last: CellReference(row: last, column: column))
        }
        plan.layout.frozenRows = Self.headerRow + 1
        plan.layout.autoFilter = CellRange(first: CellReference(row: Self.headerRow, column: 0), last: CellReference(row: last, column: Column.count - 1))
        plan.layout.conditionalFormats = [XLSXConditionalFormat(range: range(Column.progress), rule: .dataBar(minimum: 0, maximum: 1, color: Self.barColor))]
            + statusRules(range(Column.status))
        if let asOf = model.asOf {
            // A deadline that has passed without the key result being achieved shows in red.
            let cell = "J\(Self.firstDataRow + 1)"
            let formula = "AND(ISNUMBER(\(cell)),\(cell)<DATE(\(asOf.year),\(asOf.month),\(asOf.day)),$I\(Self.firstDataRow + 1)<>\"\(labels.label(.achieved))\")"
            plan.layout.conditionalFormats.append(XLSXConditionalFormat(range: range(Column.deadline),
                                                                        rule: .expression(formula: formula, format: .init(fontColor: "C00000", bold: true))))
        }
        plan.layout.dataValidations = [XLSXDataValidation(range: range(Column.status), values: ReportSummary.order.map(labels.label))]
        plan.layout.print = .init(landscape: true, fitToWidth: 1, fitToHeight: 0, titleRows: Self.headerRow...Self.headerRow,
                                  footer: "&L" + Self.headerFooterText(reportTitle) + "&R" + pageFooter)
        return (plan, objectiveRows)
    }

    /// Gives rows whose wrapped text needs several lines the height for them (LibreOffice keeps the default
    /// height of rows without one, which would cut the text off).
    static func fitHeights(_ rows: inout [XLSXRow], widths: [Double?], from first: Int) {
        for i in rows.indices where rows[i].index >= first && rows[i].height == nil {
            var lines = 1.0
            for cell in rows[i].cells {
                guard case .text(let text) = cell.value, cell.format?.alignment?.wrap == true,
                      cell.column < widths.count, let width = widths[cell.column] else { continue }
                // Text is narrower than the digit `0` that column widths count: about 0.8 of it, bold 0.9.
                let weight = cell.format?.font.bold == true ? 0.9 : 0.8
                let indent = Double(cell.format?.alignment?.indent ?? 0) * 2
                lines = max(lines, (Double(text.count) * weight / max(1, width - 1 - indent)).rounded(.up))
            }
            if lines > 1 { rows[i].height = 15 * lines + 1 }
        }
    }

    /// A text made literal for a header or footer: `&` doubled.
    static func headerFooterText(_ text: String) -> String {
        text.split(separator: "&", omittingEmptySubsequences: false).joined(separator: "&&")
    }

    /// One cell-is rule per status: its label in its colours.
    func statusRules(_ range: CellRange) -> [XLSXConditionalFormat] {
        ReportSummary.order.map { status in
            let (fill, font) = Self.colors(status)
            return XLSXConditionalFormat(range: range, rule: .cellIs(operator: "equal", formula: "\"\(labels.label(status))\"",
                                                                    format: .init(fontColor: font, fill: fill)))
        }
    }
}
