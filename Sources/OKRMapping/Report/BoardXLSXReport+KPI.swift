import OKRCore
import SheetKit
import XLSXAdapter

extension BoardXLSXReport {
    /// The KPI sheet's columns, 0-based: id, KPI, owner, target, twelve periods, latest, change, status,
    /// and the trend (a sparkline over the periods).
    enum KPIColumn {
        static let id = 0, name = 1, owner = 2, target = 3, firstPeriod = 4
        static let latest = firstPeriod + KPIReport.columnCount, change = latest + 1, status = change + 1, trend = status + 1
        static let count = trend + 1
    }

    /// The KPI sheet, nil when the model has no KPIs: one row per KPI with its owner, target, the values of
    /// the last twelve periods, the latest value, the change from the period before, its status coloured by
    /// conditional formatting, and a sparkline of the twelve periods.
    func kpiSheet(_ model: OKRModel) -> SheetPlan? {
        guard !model.kpis.isEmpty else { return nil }
        let report = KPIReport(model: model, labels: labels)
        var plan = SheetPlan(name: labels.kpis)
        var title = labels.kpis
        if let period = model.period { title += " " + period.label }
        if let asOf = model.asOf { title += " (\(labels.asOf) \(format.date(asOf)))" }
        plan.rows.append(XLSXRow(index: Self.titleRow, cells: [XLSXRow.Cell(column: 0, value: .text(title), format: Self.titleFormat)], height: 22))
        let headers = [idHeader, labels.kpi, labels.owner, labels.target] + report.columns.map(report.header)
            + [labels.latest, labels.change, labels.status, labels.trend]
        let numeric = KPIColumn.target..<KPIColumn.status
        plan.rows.append(XLSXRow(index: Self.headerRow, cells: headers.enumerated().map {
            XLSXRow.Cell(column: $0.offset, value: .text($0.element), format: Self.headerFormat(right: numeric.contains($0.offset)))
        }, height: 30))
        var widths = headers.map { Double($0.count) + 2 }
        func measure(_ column: Int, _ text: String) { widths[column] = max(widths[column], Double(text.count) + 1) }
        let plain = XLSXCellFormat(border: .init(bottom: "hair", color: "D9D9D9"), alignment: .init(vertical: "top", wrap: true))
        var row = Self.firstDataRow
        for line in report.lines {
            let kpi = line.kpi
            let code = format.formatCode(unit: kpi.unit)
            let number = XLSXCellFormat(numberFormat: code, border: .init(bottom: "hair", color: "D9D9D9"), alignment: .init(vertical: "top"))
            var cells = [XLSXRow.Cell(column: KPIColumn.id, value: .text(kpi.id), format: plain),
                         XLSXRow.Cell(column: KPIColumn.name, value: .text(kpi.name), format: plain),
                         XLSXRow.Cell(column: KPIColumn.owner, value: .text(kpi.owner ?? ""), format: plain)]
            measure(KPIColumn.id, kpi.id)
            measure(KPIColumn.name, kpi.name)
            measure(KPIColumn.owner, kpi.owner ?? "")
            // Numbers take the width of their display (`€ 250.000`), so that no cell shows ###.
            for value in [kpi.target, kpi.latest, kpi.change] + line.values {
                let shown = format.value(value, unit: kpi.unit)
                for column in [KPIColumn.target, KPIColumn.latest, KPIColumn.change] { measure(column, shown + "  ") }
                for i in 0..<KPIReport.columnCount { measure(KPIColumn.firstPeriod + i, shown) }
            }
            if let target = kpi.target {
                let sign = kpi.direction == .lower ? "≤" : "≥"
                cells.append(XLSXRow.Cell(column: KPIColumn.target, value: .number(target),
                                          format: XLSXCellFormat(numberFormat: "\"\(sign) \"" + code, border: number.border, alignment: number.alignment)))
            } else if let text = kpi.targetText {
                cells.append(XLSXRow.Cell(column: KPIColumn.target, value: .text(text), format: plain))
            }
            for (i, value) in line.values.enumerated() {
                cells.append(XLSXRow.Cell(column: KPIColumn.firstPeriod + i, value: value.map(CellValue.number) ?? .empty, format: number))
            }
            if let latest = kpi.latest { cells.append(XLSXRow.Cell(column: KPIColumn.latest, value: .number(latest), format: number)) }
            if let change = kpi.change {
                let changeCode = code.contains("%") ? "+0.0%;-0.0%;0%" : "+#,##0.0#;-#,##0.0#;0"
                cells.append(XLSXRow.Cell(column: KPIColumn.change, value: .number(change),
                                          format: XLSXCellFormat(numberFormat: changeCode, border: number.border, alignment: number.alignment)))
            }
            let status = report.label(kpi.status)
            measure(KPIColumn.status, status)
            cells.append(XLSXRow.Cell(column: KPIColumn.status, value: .text(status), format: plain))
            plan.rows.append(XLSXRow(index: row, cells: cells))
            plan.layout.sparklines.append(XLSXSparkline(
                location: CellReference(row: row, column: KPIColumn.trend),
                data: CellRange(first: CellReference(row: row, column: KPIColumn.firstPeriod),
                                last: CellReference(row: row, column: KPIColumn.firstPeriod + KPIReport.columnCount - 1)),
                sheet: plan.name))
            row += 1
        }
        let last = row - 1
        widths[KPIColumn.name] = min(widths[KPIColumn.name], 40)
        widths[KPIColumn.owner] = min(widths[KPIColumn.owner], 24)
        for column in KPIColumn.firstPeriod..<KPIColumn.latest { widths[column] = max(widths[column], 9) }
        widths[KPIColumn.trend] = 14
        plan.layout.columnWidths = widths
        Self.fitHeights(&plan.rows, widths: widths, from: Self.firstDataRow)
        plan.layout.frozenRows = Self.headerRow + 1
        plan.layout.frozenColumns = KPIColumn.name + 1
        plan.layout.autoFilter = CellRange(first: CellReference(row: Self.headerRow, column: 0), last: CellReference(row: last, column: KPIColumn.status))
        let statusRange = CellRange(first: CellReference(row: Self.firstDataRow, column: KPIColumn.status), last: CellReference(row: last, column: KPIColumn.status))
        plan.layout.conditionalFormats = kpiStatusRules(statusRange, report: report)
        plan.layout.print = .init(landscape: true, fitToWidth: 1, fitToHeight: 0, titleRows: Self.headerRow...Self.headerRow,
                                  footer: "&L" + Self.headerFooterText(title) + "&R" + pageFooter)
        return plan
    }

    /// One cell-is rule per KPI status: its label in its colours.
    func kpiStatusRules(_ range: CellRange, report: KPIReport) -> [XLSXConditionalFormat] {
        KPIReport.order.map { status in
            let (fill, font) = KPIReport.colors(status)
            return XLSXConditionalFormat(range: range, rule: .cellIs(operator: "equal", formula: "\"\(report.label(status))\"",
                                                                    format: .init(fontColor: font, fill: fill)))
        }
    }

    /// The summary's KPI part, from `row` on: the KPIs per status, then the KPI tree (objective → key
    /// result → KPIs, indented). Returns the next free row.
    func appendKPISummary(_ model: OKRModel, to plan: inout SheetPlan, from row: Int,
                          measure: (Int, String) -> Void) -> Int {
        guard !model.kpis.isEmpty else { return row }
        let report = KPIReport(model: model, labels: labels)
        var row = row
        plan.rows.append(XLSXRow(index: row, cells: [XLSXRow.Cell(column: 0, value: .text(labels.kpisPerStatus), format: Self.sectionFormat)]))
        row += 1
        plan.rows.append(XLSXRow(index: row, cells: [
            XLSXRow.Cell(column: 1, value: .text(labels.status), format: Self.headerFormat(right: false)),
            XLSXRow.Cell(column: 2, value: .text(labels.kpis), format: Self.headerFormat(right: true)),
        ], height: 30))
        row += 1
        let first = row
        let counts = report.counts
        for status in KPIReport.order {
            plan.rows.append(XLSXRow(index: row, cells: [XLSXRow.Cell(column: 1, value: .text(report.label(status))),
                                                          XLSXRow.Cell(column: 2, value: .number(Double(counts[status] ?? 0)))]))
            measure(1, report.label(status))
            row += 1
        }
        plan.layout.conditionalFormats += kpiStatusRules(
            CellRange(first: CellReference(row: first, column: 1), last: CellReference(row: row - 1, column: 1)), report: report)
        row += 1
        plan.rows.append(XLSXRow(index: row, cells: [XLSXRow.Cell(column: 0, value: .text(labels.kpiTree), format: Self.sectionFormat)]))
        row += 1
        plan.rows.append(XLSXRow(index: row, cells: [
            XLSXRow.Cell(column: 0, value: .text(idHeader), format: Self.headerFormat(right: false)),
            XLSXRow.Cell(column: 1, value: .text(labels.objectiveOrKeyResult + " / " + labels.kpi), format: Self.headerFormat(right: false)),
            XLSXRow.Cell(column: 2, value: .text(labels.latest), format: Self.headerFormat(right: true)),
            XLSXRow.Cell(column: 3, value: .text(labels.status), format: Self.headerFormat(right: false)),
        ], height: 30))
        row += 1
        let treeFirst = row
        for branch in report.tree(model) {
            let bold = branch.depth == 0
            plan.rows.append(XLSXRow(index: row, cells: [
                XLSXRow.Cell(column: 0, value: .text(branch.id), format: XLSXCellFormat(font: .init(bold: bold))),
                XLSXRow.Cell(column: 1, value: .text(branch.title),
                             format: XLSXCellFormat(font: .init(bold: bold), alignment: .init(horizontal: "left", vertical: "top", indent: branch.depth, wrap: true))),
            ]))
            row += 1
            for kpi in branch.kpis {
                let status = report.label(kpi.status)
                var cells = [XLSXRow.Cell(column: 0, value: .text(kpi.id)),
                             XLSXRow.Cell(column: 1, value: .text(kpi.name), format: XLSXCellFormat(alignment: .init(horizontal: "left", vertical: "top", indent: branch.depth + 1, wrap: true)))]
                if let latest = kpi.latest {
                    cells.append(XLSXRow.Cell(column: 2, value: .number(latest), format: XLSXCellFormat(numberFormat: format.formatCode(unit: kpi.unit))))
                }
                cells.append(XLSXRow.Cell(column: 3, value: .text(status)))
                measure(3, status)
                plan.rows.append(XLSXRow(index: row, cells: cells))
                row += 1
            }
        }
        plan.layout.conditionalFormats += kpiStatusRules(
            CellRange(first: CellReference(row: treeFirst, column: 3), last: CellReference(row: max(treeFirst, row - 1), column: 3)), report: report)
        return row + 1
    }
}
