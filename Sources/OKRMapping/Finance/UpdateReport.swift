import Foundation
import SheetKit

/// The table of an update — key result, old → new current, progress, status old → new; and for `kpi:`
/// rules KPI, period, old → new value, status old → new — as `--dry-run` prints it and as
/// `--report FILE.csv|FILE.json` writes it, with the unmatched rules and skipped rows.
public enum UpdateReport {
    /// The formats `--report` writes.
    public static let extensions = ["csv", "json"]

    /// The table as aligned text lines (for a terminal), then the unmatched rules and the skipped-row count.
    /// `kpi:` rules get a second table: KPI, period, old → new value, the KPI's status old → new.
    public static func text(_ plan: UpdatePlan) -> String {
        var out = ""
        if !plan.rows.isEmpty || plan.kpiRows.isEmpty {
            var lines: [[String]] = [["Key result", "Current", "Progress", "Status"]]
            for row in plan.rows {
                let name = row.keyResultID.isEmpty ? row.keyResult : "\(row.keyResultID) \(row.keyResult)"
                let current = row.newCurrent.map { $0 == row.oldCurrent ? "\(show(row.oldCurrent)) (unchanged)" : "\(show(row.oldCurrent)) → \($0)" }
                    ?? "\(show(row.oldCurrent)) (no value: no rows)"
                lines.append([name, current, row.progressText, change(row.oldStatus, row.newStatus)])
            }
            out += aligned(lines)
        }
        if !plan.kpiRows.isEmpty {
            if !out.isEmpty { out += "\n" }
            var lines: [[String]] = [["KPI", "Period", "Value", "Status"]]
            for row in plan.kpiRows {
                let name = row.kpiID.isEmpty ? row.kpi : "\(row.kpiID) \(row.kpi)"
                let value = row.newValue.map { $0 == row.oldValue ? "\(show(row.oldValue)) (unchanged)" : "\(show(row.oldValue)) → \($0)" }
                    ?? "\(show(row.oldValue)) (\(row.note ?? "no value"))"
                lines.append([name, row.period, value, change(row.oldStatus, row.newStatus)])
            }
            out += aligned(lines)
        }
        for u in plan.unmatched { out += "unmatched: \(plan.rulesFile):\(u.ruleLine): \"\(u.keyResult)\" \(u.reason)\n" }
        if plan.aggregate.skippedRows > 0 { out += "skipped rows: \(plan.aggregate.skippedRows) (cells that did not parse)\n" }
        return out
    }

    /// `old` alone when it stays, else `old → new`.
    static func change(_ old: String, _ new: String) -> String {
        new == old ? show(old) : "\(show(old)) → \(new)"
    }

    /// Lines of cells in columns two spaces apart, the last column unpadded.
    static func aligned(_ lines: [[String]]) -> String {
        var widths = [Int](repeating: 0, count: lines.first?.count ?? 0)
        for line in lines { for (i, cell) in line.enumerated() { widths[i] = max(widths[i], cell.count) } }
        var out = ""
        for line in lines {
            var text = ""
            for (i, cell) in line.enumerated() {
                text += i == line.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count + 2)
            }
            out += text + "\n"
        }
        return out
    }

    static func show(_ text: String) -> String { text.isEmpty ? "—" : text }

    /// Writes the report atomically; the format follows the extension (`.csv` or `.json`).
    ///
    /// - Throws: ``SheetError`` when the file cannot be written.
    public static func write(_ plan: UpdatePlan, to path: String) throws {
        let bytes = path.lowercased().hasSuffix(".json") ? try json(plan) : Array(csv(plan).utf8)
        let file = try AtomicOutputFile(path: path)
        bytes.withUnsafeBytes { file.writer.write($0) }
        try file.commit()
    }

    /// One row per rule: `kind` is `updated`, `unchanged`, `no-value` or `unmatched`; one row per period of
    /// a `kpi:` rule (`kpi-updated`, `kpi-unchanged`, `kpi-no-value`), whose `key_result_id` and
    /// `key_result` hold the KPI's id and name, `old_current` and `new_current` its value for the `period`,
    /// and the status columns the KPI's status (`green`, `amber`, `red`, `no_data`); then one row per
    /// skipped export row (`skipped`).
    public static func csv(_ plan: UpdatePlan) -> String {
        var rows: [[String]] = [["kind", "rule_line", "key_result_id", "key_result", "cell", "old_current", "new_current",
                                 "progress", "old_status", "new_status", "matched_rows", "message", "period"]]
        for r in plan.rows {
            let kind = r.newCurrent == nil ? "no-value" : r.changed ? "updated" : "unchanged"
            rows.append([kind, String(r.ruleLine), r.keyResultID, r.keyResult, r.cell, r.oldCurrent, r.newCurrent ?? "",
                         r.progress.map(CellValue.numberText) ?? "", r.oldStatus, r.newStatus, String(r.matchedRows), "", ""])
        }
        for r in plan.kpiRows {
            let kind = r.newValue == nil ? "kpi-no-value" : r.changed ? "kpi-updated" : "kpi-unchanged"
            rows.append([kind, String(r.ruleLine), r.kpiID, r.kpi, r.cell, r.oldValue, r.newValue ?? "", "", r.oldStatus, r.newStatus,
                         String(r.matchedRows), r.note ?? "", r.period])
        }
        for u in plan.unmatched {
            rows.append(["unmatched", String(u.ruleLine), "", u.keyResult, "", "", "", "", "", "", "", u.reason, ""])
        }
        for d in plan.aggregate.skipped {
            rows.append(["skipped", "", "", "", d.location.description, "", "", "", "", "", "", d.message, ""])
        }
        if plan.aggregate.skippedRows > plan.aggregate.skipped.count {
            rows.append(["skipped", "", "", "", "", "", "", "", "", "", "",
                         "\(plan.aggregate.skippedRows - plan.aggregate.skipped.count) more rows skipped", ""])
        }
        return rows.map { $0.map(quote).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// A CSV field, quoted when needed; text that a spreadsheet would run as a formula is prefixed with `'`.
    static func quote(_ field: String) -> String {
        var f = field
        if let first = f.first, "=+@\t\r".contains(first) || (first == "-" && Double(f) == nil && !f.contains(":")) { f = "'" + f }
        guard f.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return f }
        return "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `{"template", "ledger", "rules", "period", "updates": […], "kpiUpdates": […], "unmatched": […], "skippedRows",
    /// "skipped": […]}`; `kpiUpdates` has one entry per period of each `kpi:` rule.
    public static func json(_ plan: UpdatePlan) throws -> [UInt8] {
        func opt(_ v: Any?) -> Any { v ?? NSNull() }
        let updates: [[String: Any]] = plan.rows.map { r in
            ["ruleLine": r.ruleLine, "keyResultId": r.keyResultID, "keyResult": r.keyResult, "cell": r.cell,
             "oldCurrent": r.oldCurrent, "newCurrent": opt(r.newCurrent), "value": opt(r.value), "progress": opt(r.progress),
             "oldStatus": r.oldStatus, "newStatus": r.newStatus, "matchedRows": r.matchedRows, "changed": r.changed]
        }
        let kpiUpdates: [[String: Any]] = plan.kpiRows.map { r in
            ["ruleLine": r.ruleLine, "kpiId": r.kpiID, "kpi": r.kpi, "period": r.period, "cell": r.cell,
             "oldValue": r.oldValue, "newValue": opt(r.newValue), "value": opt(r.value), "oldStatus": r.oldStatus,
             "newStatus": r.newStatus, "matchedRows": r.matchedRows, "changed": r.changed, "note": opt(r.note)]
        }
        let object: [String: Any] = [
            "template": plan.template, "ledger": plan.ledger, "rules": plan.rulesFile,
            "period": plan.period.map { ["label": $0.label, "start": $0.start.description, "end": $0.end.description] as [String: Any] } ?? NSNull(),
            "rowsRead": plan.aggregate.rowsRead,
            "updates": updates,
            "kpiUpdates": kpiUpdates,
            "unmatched": plan.unmatched.map { ["ruleLine": $0.ruleLine, "keyResult": $0.keyResult, "reason": $0.reason] as [String: Any] },
            "skippedRows": plan.aggregate.skippedRows,
            "skipped": plan.aggregate.skipped.map { ["location": $0.location.description, "message": $0.message] },
        ]
        var data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        data.append(0x0A)
        return [UInt8](data)
    }
}
