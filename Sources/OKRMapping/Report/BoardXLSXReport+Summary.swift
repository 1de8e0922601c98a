import OKRCore
import SheetKit
import XLSXAdapter

extension BoardXLSXReport {
    /// The summary sheet: per objective (id, title, level, progress, score, status, linked to the board by
    /// formulas), per level (objectives, mean progress as a formula over the rows above, key results per
    /// status), key results per status with their total, the KPIs per status and the KPI tree when the
    /// model has KPIs, and a bar chart of objective progress.
    ///
    /// - Parameters:
    ///   - boardName: the board sheet's name, for the links.
    ///   - objectiveRows: the 1-based board row of each objective.
    var objectivesHeader: String { labels.pick("Objectives", "Doelstellingen", "Objectifs") }

    func summarySheet(_ model: OKRModel, boardName: String, objectiveRows: [Int]) -> SheetPlan {
        var plan = SheetPlan(name: labels.summaryTitle)
        let board = "'" + boardName.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
        let summary = ReportSummary(model: model, labels: labels)
        var widths = [Double](repeating: 6, count: 9)
        func measure(_ column: Int, _ text: String) { widths[column] = max(widths[column], Double(text.count) + 2) }
        func text(_ column: Int, _ value: String, _ format: XLSXCellFormat? = nil, measured: Bool = true) -> XLSXRow.Cell {
            if measured { measure(column, value) }
            return XLSXRow.Cell(column: column, value: .text(value), format: format)
        }
        func header(_ titles: [String], from column: Int, numeric: Range<Int>) -> [XLSXRow.Cell] {
            titles.enumerated().map { i, title in
                measure(column + i, title)
                return XLSXRow.Cell(column: column + i, value: .text(title), format: Self.headerFormat(right: numeric.contains(column + i)))
            }
        }
        let plain = XLSXCellFormat(alignment: .init(vertical: "top", wrap: true))
        let percent = XLSXCellFormat(numberFormat: "0%")
        let score = XLSXCellFormat(numberFormat: "0.0", alignment: .init(horizontal: "center"))
        plan.rows.append(XLSXRow(index: 0, cells: [text(0, labels.summaryTitle + ": " + title(model), Self.titleFormat, measured: false)], height: 22))

        // Per objective.
        plan.rows.append(XLSXRow(index: 2, cells: [text(0, labels.byObjective, Self.sectionFormat, measured: false)]))
        plan.rows.append(XLSXRow(index: 3, cells: header([idHeader, labels.objective, labels.level, labels.progress, labels.score, labels.status],
                                                          from: 0, numeric: 3..<5), height: 30))
        var row = 4
        let firstObjective = row
        var progressCell: [Int: String] = [:]
        for (i, objective) in model.objectives.enumerated() {
            let r = objectiveRows[i]
            let level = objective.level == nil && objective.levelLabel == nil ? "" : labels.levelName(objective.level, label: objective.levelLabel)
            var cells = [text(0, objective.id), text(1, objective.title, plain), text(2, level, plain)]
            cells.append(Self.formulaCell(3, objective.progress.map { _ in "\(board)!G\(r)" }, objective.progress, percent))
            cells.append(Self.formulaCell(4, objective.score.map { _ in "\(board)!H\(r)" }, objective.score, score))
            if let status = objective.status {
                cells.append(XLSXRow.Cell(column: 5, value: .text(labels.label(status)), formula: "\(board)!I\(r)"))
                measure(5, labels.label(status))
            }
            if objective.progress != nil { progressCell[i] = "D\(row + 1)" }
            plan.rows.append(XLSXRow(index: row, cells: cells))
            row += 1
        }
        let lastObjective = row - 1

        // Per level.
        row += 1
        plan.rows.append(XLSXRow(index: row, cells: [text(0, labels.byLevel, Self.sectionFormat, measured: false)]))
        row += 1
        plan.rows.append(XLSXRow(index: row, cells: header([labels.level, objectivesHeader, labels.progress] + ReportSummary.order.map(labels.label),
                                                            from: 1, numeric: 2..<9), height: 30))
        row += 1
        for line in summary.levels {
            let members = model.objectives.indices.filter {
                labels.levelName(model.objectives[$0].level, label: model.objectives[$0].levelLabel) == line.name
            }.compactMap { progressCell[$0] }
            var cells = [text(1, line.name, plain), XLSXRow.Cell(column: 2, value: .number(Double(line.objectives)))]
            let formula = members.isEmpty ? nil : "(" + members.map { "MIN(1,\($0))" }.joined(separator: "+") + ")/\(members.count)"
            cells.append(Self.formulaCell(3, formula, line.progress, percent))
            for (j, status) in ReportSummary.order.enumerated() {
                cells.append(XLSXRow.Cell(column: 4 + j, value: .number(Double(line.counts[status] ?? 0))))
            }
            plan.rows.append(XLSXRow(index: row, cells: cells))
            row += 1
        }

        // Key results per status.
        row += 1
        plan.rows.append(XLSXRow(index: row, cells: [text(0, labels.statusCounts, Self.sectionFormat, measured: false)]))
        row += 1
        plan.rows.append(XLSXRow(index: row, cells: header([labels.status, labels.keyResults], from: 1, numeric: 2..<3), height: 30))
        row += 1
        let firstStatus = row
        for status in ReportSummary.order {
            plan.rows.append(XLSXRow(index: row, cells: [text(1, labels.label(status)), XLSXRow.Cell(column: 2, value: .number(Double(summary.counts[status] ?? 0)))]))
            row += 1
        }
        let bold = XLSXCellFormat(font: .init(bold: true), border: .init(top: "thin", color: "A6A6A6"))
        plan.rows.append(XLSXRow(index: row, cells: [text(1, labels.total, bold),
                                                      XLSXRow.Cell(column: 2, value: .number(Double(summary.keyResults)), formula: "SUM(C\(firstStatus + 1):C\(row))", format: bold)]))
        row += 2
        row = appendKPISummary(model, to: &plan, from: row, measure: measure)

        widths[1] = min(widths[1], 55)
        widths[2] = min(widths[2], 24)
        plan.layout.columnWidths = widths.map { min($0, 55) }
        Self.fitHeights(&plan.rows, widths: plan.layout.columnWidths, from: firstObjective)
        let objectives = CellRange(first: CellReference(row: firstObjective, column: 5), last: CellReference(row: max(firstObjective, lastObjective), column: 5))
        let statuses = CellRange(first: CellReference(row: firstStatus, column: 1), last: CellReference(row: firstStatus + 4, column: 1))
        plan.layout.conditionalFormats = plan.layout.conditionalFormats + [XLSXConditionalFormat(
            range: CellRange(first: CellReference(row: firstObjective, column: 3), last: CellReference(row: max(firstObjective, lastObjective), column: 3)),
            rule: .dataBar(minimum: 0, maximum: 1, color: Self.barColor))] + statusRules(objectives) + statusRules(statuses)
        plan.layout.print = .init(landscape: true, fitToWidth: 1, fitToHeight: 0, footer: "&L" + Self.headerFooterText(title(model)) + "&R" + pageFooter)
        if !model.objectives.isEmpty {
            let height = max(14, model.objectives.count + 6)
            // The chart prints on a page of its own rather than split over two.
            plan.layout.pageBreaksBefore = [row]
            plan.layout.chart = XLSXBarChart(
                title: labels.progress + " " + labels.byObjective.lowercased(), sheet: plan.name,
                categories: CellRange(first: CellReference(row: firstObjective, column: 0), last: CellReference(row: lastObjective, column: 0)),
                values: CellRange(first: CellReference(row: firstObjective, column: 3), last: CellReference(row: lastObjective, column: 3)),
                seriesName: labels.progress, maximum: 1, cachedCategories: model.objectives.map(\.id),
                cachedValues: model.objectives.map { $0.progress ?? .nan }, numberFormat: "0%",
                anchor: CellRange(first: CellReference(row: row, column: 0), last: CellReference(row: row + height, column: 5)),
                color: Self.barColor)
        }
        return plan
    }
}
