import Foundation
import OKRCore
import SheetKit

/// `kpi:` rules: one value per period into a KPI sheet.
///
/// A `kpi:` rule names a KPI of the template's KPI tables (``KPIMatcher``) and the kind of period it fills
/// (`per:`, else the KPI's frequency). The periods it fills:
/// - with a reporting period (`--period`, the rules file's `period:`, the template's title), every period
///   of that kind that overlaps it;
/// - without one, every period of that kind the KPI's sheet has a place for.
///
/// Only periods with a cell are filled: in the wide shape the KPI's row under the period's column, in the
/// long shape the value cell of the KPI's row for the period. A period the sheet has no column (or row)
/// for is a warning; rows are never inserted. A period in which no row of the export is dated is left as
/// it is (the export does not cover it: a month still to come, a month before the export starts).
extension UpdateJob {
    /// What a `kpi:` rule fills.
    struct KPITarget {
        var candidate: KPIMatcher.Candidate
        var kind: KPIPeriod.Kind
        /// The periods to fill, each with a cell, in period order.
        var periods: [KPIPeriod]
    }

    /// The most periods a rule enumerates inside a reporting period, and lists in a warning.
    static let maxPeriodsEnumerated = 10_000
    static let maxPeriodsListed = 12

    /// Matches each `kpi:` rule to a KPI and works out the periods it fills.
    ///
    /// - Returns: per rule index, the KPI and its periods.
    /// - Throws: ``SheetError`` at the rule's line: an ambiguous name (listing the KPIs it fits), a KPI
    ///   filled by two rules, a KPI whose rhythm is unknown and a rule without `per:`.
    func matchKPIs(_ rulesFile: RulesFile, tables: [KPITable], period: Period?, plan: inout UpdatePlan) throws -> [Int: KPITarget] {
        let name = plan.template
        let matcher = KPIMatcher(tables: tables)
        var targets: [Int: KPITarget] = [:]
        var claimed: [String: LedgerRule] = [:]
        for (r, rule) in rulesFile.rules.enumerated() {
            guard let fill = rule.kpi else { continue }
            let at = SourceLocation.text(rulesFile.file, line: rule.line)
            let candidate: KPIMatcher.Candidate
            switch matcher.match(rule.keyResult) {
            case .ambiguous(let list):
                let names = list.map { "\"\($0.kpi.name)\" (\($0.kpi.id), \($0.kpi.source?.location ?? name))" }
                throw SheetError.malformed(at, "kpi \"\(rule.keyResult)\" matches \(list.count) KPIs: "
                    + names.joined(separator: ", ") + "; name one by its id or its full name")
            case .none:
                let reason = tables.isEmpty ? "matches no KPI: \(name) has no KPI sheet" : "matches no KPI in \(name)"
                plan.unmatched.append(.init(ruleLine: rule.line, keyResult: rule.keyResult, reason: reason))
                plan.warnings.append(Diagnostic(.warning, at, "kpi \"\(rule.keyResult)\" \(reason); the rule updates nothing"))
                continue
            case .matched(let c):
                candidate = c
            }
            let key = "\(candidate.table):\(candidate.index)"
            if let earlier = claimed[key] {
                throw SheetError.malformed(at, "KPI \"\(candidate.kpi.name)\" is already filled by the rule on line \(earlier.line); one rule per KPI")
            }
            claimed[key] = rule
            let table = tables[candidate.table]
            let cells = table.cells[candidate.index]
            let sheetKinds = Set(cells.keys.map(\.kind))
            guard let kind = fill.per ?? candidate.kpi.frequency?.periodKind ?? KPIDerived.rhythm(of: candidate.kpi)
                ?? (sheetKinds.count == 1 ? sheetKinds.first : nil) else {
                throw SheetError.malformed(at, "kpi \"\(rule.keyResult)\": KPI \"\(candidate.kpi.name)\" has no frequency; "
                    + "say which periods the rule fills with \"per: month\" (or week, quarter)")
            }
            let available = cells.keys.filter { $0.kind == kind }.sorted()
            var periods = available
            let what = table.isLong ? "row" : "column"
            let place = [.csv, .tsv].contains(plan.format) ? name : "sheet \"\(table.sheet.info.name)\""
            if let period {
                let wanted = UpdateJob.periods(of: kind, overlapping: period)
                let have = Set(available)
                periods = wanted.periods.filter(have.contains)
                let missing = wanted.periods.filter { !have.contains($0) }
                if !missing.isEmpty || wanted.truncated {
                    var list = missing.prefix(UpdateJob.maxPeriodsListed).map(\.description).joined(separator: ", ")
                    if missing.count > UpdateJob.maxPeriodsListed || wanted.truncated { list += " and more" }
                    let fix = table.isLong ? "rows are not inserted: add a row for each period to fill" : "add a column for each period to fill"
                    plan.warnings.append(Diagnostic(.warning, at,
                        "KPI \"\(candidate.kpi.name)\" has no \(what) for \(list) in \(place); those periods are not filled (\(fix))"))
                }
                let outside = periods.filter { $0.start < period.start || $0.end > period.end }
                if rule.needsPeriod, !outside.isEmpty {
                    plan.warnings.append(Diagnostic(.note, at,
                        outside.map(\.description).joined(separator: ", ") + (outside.count == 1 ? " reaches" : " reach")
                            + " outside the period \(period.label); in_period counts only the days inside it"
                            + (rule.kpi?.date == nil ? "" : " (leave in_period out to count whole periods)")))
                }
            } else if periods.isEmpty {
                plan.warnings.append(Diagnostic(.warning, at,
                    "KPI \"\(candidate.kpi.name)\" has no \(kind.rawValue) \(what) in \(place); the rule fills nothing"))
            }
            targets[r] = KPITarget(candidate: candidate, kind: kind, periods: periods)
        }
        return targets
    }

    /// The periods of `kind` that overlap `period`, in order; truncated after ``maxPeriodsEnumerated``.
    static func periods(of kind: KPIPeriod.Kind, overlapping period: Period) -> (periods: [KPIPeriod], truncated: Bool) {
        var list: [KPIPeriod] = []
        var p = KPIPeriod.containing(period.start, kind: kind)
        while p.start <= period.end {
            guard list.count < maxPeriodsEnumerated else { return (list, true) }
            list.append(p)
            p = p.next
        }
        return (list, false)
    }

    /// Writes each period's value into its KPI cell, and recomputes the KPIs' status.
    func writeKPIs(_ rulesFile: RulesFile, tables: [KPITable], targets: [Int: KPITarget], format: FileFormat, plan: inout UpdatePlan) {
        let isText = format == .csv || format == .tsv
        for (r, rule) in rulesFile.rules.enumerated() {
            guard let target = targets[r] else { continue }
            let table = tables[target.candidate.table]
            let cells = table.cells[target.candidate.index]
            let before = target.candidate.kpi
            var after = before
            let style = UpdateJob.valueStyle(of: table, kpi: target.candidate.index)
            let at = SourceLocation.text(rulesFile.file, line: rule.line)
            if plan.aggregate.matchedRows[r] == 0, !target.periods.isEmpty {
                plan.warnings.append(Diagnostic(.warning, at, "the rule for kpi \"\(rule.keyResult)\" kept no row of \(data)"))
            }
            var rows: [UpdatePlan.KPIRow] = []
            for measured in plan.aggregate.perPeriod[r] {
                guard let spot = cells[measured.period] else { continue }
                let old = UpdateJob.cell(table.sheet, spot.row, spot.column)
                let location = SourceLocation.cell(plan.template, sheet: isText ? nil : table.sheet.info.name, row: spot.row, column: spot.column)
                var row = UpdatePlan.KPIRow(ruleLine: rule.line, kpiID: before.id, kpi: before.name, period: measured.period.description,
                                            cell: location.description, oldValue: old?.value.canonicalText ?? "", newValue: nil,
                                            value: measured.value, oldStatus: "", newStatus: "", matchedRows: measured.matchedRows,
                                            changed: false, note: nil)
                if measured.datedRows == 0 {
                    row.value = nil
                    row.note = "no row of the export is dated in \(measured.period)"
                } else if let value = measured.value, !value.isFinite {
                    row.note = "the rule gave \(value), not a number a sheet can hold"
                    plan.warnings.append(Diagnostic(.warning, at, "the rule for kpi \"\(rule.keyResult)\" gave \(value) for \(measured.period); the cell stays as it is"))
                } else if let value = measured.value {
                    let written = style.points ? value * 100 : value
                    let newValue: CellValue = UpdateJob.writesText(old, isText: isText) ? .text(style.text.format(written)) : .number(written)
                    if UpdateJob.isFormula(old, isText: isText) {
                        row.note = "the cell holds a formula"
                        plan.warnings.append(Diagnostic(.warning, .cell(plan.template, sheet: table.sheet.info.name, row: spot.row, column: spot.column),
                            "the \(measured.period) value of KPI \"\(before.name)\" is a formula; it is left as it is"))
                    } else {
                        row.newValue = newValue.canonicalText
                        if !UpdateJob.same(old?.value, newValue) {
                            plan.edits.append(.init(sheet: table.sheetIndex, row: spot.row, column: spot.column, value: newValue))
                            row.changed = true
                        }
                        after.values.removeAll { $0.period == measured.period }
                        after.values.append(KPIValue(period: measured.period, value: value))
                    }
                } else {
                    row.note = "no value: the rule kept no row in \(measured.period)"
                }
                rows.append(row)
            }
            KPIDerived.evaluate(&after, asOf: options.asOf)
            for i in rows.indices {
                rows[i].oldStatus = before.status?.rawValue ?? ""
                rows[i].newStatus = after.status?.rawValue ?? ""
            }
            plan.kpiRows += rows
        }
    }

    /// How a KPI's values are written where they are text (CSV, or a number typed as text): like a value
    /// of the KPI, else of another KPI of the table, else plainly in the table's decimal convention.
    /// `points`: the KPI is a percentage whose cells hold percentage points (`2,8` under a `%` unit), so
    /// a fraction is written ×100.
    static func valueStyle(of table: KPITable, kpi index: Int) -> (text: TemplateNumberStyle, points: Bool) {
        func spots(_ k: Int) -> [KPITable.Spot] { table.cells[k].sorted { $0.key < $1.key }.map(\.value) }
        let order = [index] + table.cells.indices.filter { $0 != index }
        var style: TemplateNumberStyle?
        for k in order where style == nil {
            for spot in spots(k) {
                guard case .text(let text)? = cell(table.sheet, spot.row, spot.column)?.value,
                      let found = TemplateNumberStyle(inferredFrom: text, decimalComma: table.decimalComma) else { continue }
                style = found
                break
            }
        }
        var text = style ?? TemplateNumberStyle(decimalComma: table.decimalComma)
        text.decimals = nil
        guard table.kpis[index].unit == "percent", !text.percent else { return (text, false) }
        // A percentage kept as points: its plain numbers (no % in the text or the number format) go above 1.5.
        let parser = ValueParser(decimalComma: table.decimalComma, language: table.header.language)
        let points = spots(index).contains { spot in
            guard let c = cell(table.sheet, spot.row, spot.column) else { return false }
            switch c.value {
            case .number(let d): return !(c.style?.numberFormat?.contains("%") ?? false) && abs(d) > 1.5
            case .text(let t): return !t.contains("%") && (parser.quantity(t).map { abs($0.value) > 1.5 } ?? false)
            default: return false
            }
        }
        return (text, points)
    }
}
