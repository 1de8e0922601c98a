import OKRCore
import SheetKit

/// The board report as Markdown tables with the status marks, for a wiki page or an e-mail.
public struct MarkdownReport {
    public let labels: ReportLabels
    public let format: DisplayFormatter
    /// Prefix `'` to text starting with = + - @, tab or CR (on by default, like CSV).
    public var neutralizeFormulas = true

    public init(language: String, mapping: Mapping = .auto) {
        labels = ReportLabels(language: language, mapping: mapping)
        format = DisplayFormatter(language: labels.language)
    }

    /// The whole report.
    public func render(_ model: OKRModel) -> String {
        var out = "# \(title(model))\n\n"
        out += table(
            [labels.level, labels.objectiveOrKeyResult, labels.owner, labels.start, labels.current, labels.target,
             labels.progress, labels.score, labels.status, labels.deadline],
            align: "lllrrrrrll",
            rows: model.objectives.flatMap { o -> [[String]] in
                [[o.level == nil && o.levelLabel == nil ? "" : labels.levelName(o.level, label: o.levelLabel), "**\(cell(o.title))**", cell(o.owner ?? ""), "", "", "",
                  format.percent(o.progress), score(o.score), status(o.status), ""]]
                    + o.keyResults.map { kr in
                        ["", "↳ " + cell(kr.title), cell(kr.owner ?? ""), value(kr, kr.start), current(kr), value(kr, kr.target),
                         format.percent(kr.progress), score(kr.score), status(kr.status), format.date(kr.deadline)]
                    }
            })
        let summary = ReportSummary(model: model, labels: labels)
        out += "\n## \(labels.summaryTitle)\n\n### \(labels.byObjective)\n\n"
        out += table([labels.objective, labels.progress, labels.score, labels.status], align: "lrrl",
                     rows: model.objectives.map { [cell($0.title), format.percent($0.progress), score($0.score), status($0.status)] })
        out += "\n### \(labels.byLevel)\n\n"
        out += table([labels.level, labels.objective, labels.progress] + ReportSummary.order.map(status), align: "lrr" + "rrrrr",
                     rows: summary.levels.map { line in
                         [cell(line.name), String(line.objectives), format.percent(line.progress)]
                             + ReportSummary.order.map { String(line.counts[$0] ?? 0) }
                     })
        out += "\n### \(labels.statusCounts)\n\n"
        out += table([labels.status, labels.keyResults], align: "lr",
                     rows: ReportSummary.order.map { [status($0), String(summary.counts[$0] ?? 0)] }
                         + [["**\(labels.total)**", "**\(summary.keyResults)**"]])
        out += kpiSections(model)
        return out
    }

    /// The KPIs: a table with the last twelve periods, latest value, change and status; the counts per
    /// status; the KPI tree. Empty when the model has none.
    func kpiSections(_ model: OKRModel) -> String {
        guard !model.kpis.isEmpty else { return "" }
        let report = KPIReport(model: model, labels: labels)
        var out = "\n## \(labels.kpis)\n\n"
        out += table([labels.kpi, labels.owner, labels.target] + report.columns.map(report.header) + [labels.latest, labels.change, labels.status],
                     align: "llr" + String(repeating: "r", count: report.columns.count) + "rrl",
                     rows: report.lines.map { line in
                         let kpi = line.kpi
                         let target = kpi.target.map { (kpi.direction == .lower ? "≤ " : "≥ ") + format.value($0, unit: kpi.unit) } ?? cell(kpi.targetText ?? "")
                         let change = kpi.change.map { ($0 > 0 ? "+" : "") + format.value($0, unit: kpi.unit) } ?? ""
                         return [cell(kpi.name), cell(kpi.owner ?? ""), target] + line.values.map { format.value($0, unit: kpi.unit) }
                             + [format.value(kpi.latest, unit: kpi.unit), change, KPIReport.mark(kpi.status) + " " + report.label(kpi.status)]
                     })
        out += "\n### \(labels.kpisPerStatus)\n\n"
        let counts = report.counts
        out += table([labels.status, labels.kpis], align: "lr",
                     rows: KPIReport.order.map { [KPIReport.mark($0) + " " + report.label($0), String(counts[$0] ?? 0)] })
        out += "\n### \(labels.kpiTree)\n\n"
        for branch in report.tree(model) {
            let indent = String(repeating: "  ", count: branch.depth)
            out += indent + "- " + (branch.depth == 0 ? "**\(cell(branch.title))**" : cell(branch.title)) + (branch.id.isEmpty ? "" : " (\(branch.id))") + "\n"
            for kpi in branch.kpis {
                let latest = kpi.latest.map { ": " + format.value($0, unit: kpi.unit) } ?? ""
                out += indent + "  - " + KPIReport.mark(kpi.status) + " " + cell(kpi.name) + latest + "\n"
            }
        }
        return out
    }

    func title(_ model: OKRModel) -> String {
        var t = labels.reportTitle
        if let period = model.period { t += " " + period.label }
        if let asOf = model.asOf { t += " (\(labels.asOf) \(format.date(asOf)))" }
        return t
    }

    func status(_ s: Status?) -> String {
        guard let s else { return "" }
        return ReportLabels.mark(s) + " " + labels.label(s)
    }

    func score(_ s: Double?) -> String {
        format.score(s)
    }

    func value(_ kr: KeyResult, _ v: Double?) -> String {
        let text = format.value(v, unit: kr.unit)
        guard !text.isEmpty, let c = kr.comparator, v == kr.target else { return text }
        return c.rawValue.replacingOccurrences(of: ">=", with: "≥").replacingOccurrences(of: "<=", with: "≤") + " " + text
    }

    func current(_ kr: KeyResult) -> String {
        if kr.kind == .milestone, let c = kr.current, c == 0 || c == 1 { return c == 1 ? "✓ " + labels.done : labels.notDone }
        return format.value(kr.current, unit: kr.unit)
    }

    /// A text made safe for a table cell: pipes escaped, line breaks as `<br>`, formulas neutralised.
    func cell(_ text: String) -> String {
        var t = text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\r\n", with: "<br>")
            .replacingOccurrences(of: "\n", with: "<br>").replacingOccurrences(of: "\r", with: "<br>")
        if neutralizeFormulas, let first = t.first, "=+-@\t".contains(first) { t = "'" + t }
        return t
    }

    func table(_ header: [String], align: String, rows: [[String]]) -> String {
        var out = "| " + header.joined(separator: " | ") + " |\n|"
        for a in align { out += a == "r" ? "---:|" : "---|" }
        out += "\n"
        for row in rows { out += "| " + row.joined(separator: " | ") + " |\n" }
        return out
    }
}
