import Foundation
import SheetKit

/// The table of an update — key result, old → new current, progress, status old → new — as `--dry-run`
/// prints it and as `--report FILE.csv|FILE.json` writes it, with the unmatched rules and skipped rows.
public enum UpdateReport {
    /// The formats `--report` writes.
    public static let extensions = ["csv", "json"]

    /// The table as aligned text lines (for a terminal), then the unmatched rules and the skipped-row count.
    public static func text(_ plan: UpdatePlan) -> String {
        var lines: [[String]] = [["Key result", "Current", "Progress", "Status"]]
        for row in plan.rows {
            let name = row.keyResultID.isEmpty ? row.keyResult : "\(row.keyResultID) \(row.keyResult)"
            let current = row.newCurrent.map { $0 == row.oldCurrent ? "\(show(row.oldCurrent)) (unchanged)" : "\(show(row.oldCurrent)) → \($0)" }
                ?? "\(show(row.oldCurrent)) (no value: no rows)"
            let status = row.newStatus == row.oldStatus ? show(row.oldStatus) : "\(show(row.oldStatus)) → \(row.newStatus)"
            lines.append([name, current, row.progressText, status])
        }
        var widths = [Int](repeating: 0, count: 4)
        for line in lines { for (i, cell) in line.enumerated() { widths[i] = max(widths[i], cell.count) } }
        var out = ""
        for line in lines {
            var text = ""
            for (i, cell) in line.enumerated() {
                text += i == line.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count + 2)
            }
            out += text + "\n"
        }
        for u in plan.unmatched { out += "unmatched: \(plan.rulesFile):\(u.ruleLine): \"\(u.keyResult)\" \(u.reason)\n" }
        if plan.aggregate.skippedRows > 0 { out += "skipped rows: \(plan.aggregate.skippedRows) (cells that did not parse)\n" }
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

    /// One row per rule: `kind` is `updated`, `unchanged`, `no-value` or `unmatched`; then one row per
    /// skipped export row (`skipped`).
    public static func csv(_ plan: UpdatePlan) -> String {
        var rows: [[String]] = [["kind", "rule_line", "key_result_id", "key_result", "cell", "old_current", "new_current",
                                 "progress", "old_status", "new_status", "matched_rows", "message"]]
        for r in plan.rows {
            let kind = r.newCurrent == nil ? "no-value" : r.changed ? "updated" : "unchanged"
            rows.append([kind, String(r.ruleLine), r.keyResultID, r.keyResult, r.cell, r.oldCurrent, r.newCurrent ?? "",
                         r.progress.map(CellValue.numberText) ?? "", r.oldStatus, r.newStatus, String(r.matchedRows), ""])
        }
        for u in plan.unmatched {
            rows.append(["unmatched", String(u.ruleLine), "", u.keyResult, "", "", "", "", "", "", "", u.reason])
        }
        for d in plan.aggregate.skipped {
            rows.append(["skipped", "", "", "", d.location.description, "", "", "", "", "", "", d.message])
        }
        if plan.aggregate.skippedRows > plan.aggregate.skipped.count {
            rows.append(["skipped", "", "", "", "", "", "", "", "", "", "",
                         "\(plan.aggregate.skippedRows - plan.aggregate.skipped.count) more rows skipped"])
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

    /// `{"template", "ledger", "rules", "period", "updates": […], "unmatched": […], "skippedRows", "skipped": […]}`.
    public static func json(_ plan: UpdatePlan) throws -> [UInt8] {
        func opt(_ v: Any?) -> Any { v ?? NSNull() }
        let updates: [[String: Any]] = plan.rows.map { r in
            ["ruleLine": r.ruleLine, "keyResultId": r.keyResultID, "keyResult": r.keyResult, "cell": r.cell,
             "oldCurrent": r.oldCurrent, "newCurrent": opt(r.newCurrent), "value": opt(r.value), "progress": opt(r.progress),
             "oldStatus": r.oldStatus, "newStatus": r.newStatus, "matchedRows": r.matchedRows, "changed": r.changed]
        }
        let object: [String: Any] = [
            "template": plan.template, "ledger": plan.ledger, "rules": plan.rulesFile,
            "period": plan.period.map { ["label": $0.label, "start": $0.start.description, "end": $0.end.description] as [String: Any] } ?? NSNull(),
            "rowsRead": plan.aggregate.rowsRead,
            "updates": updates,
            "unmatched": plan.unmatched.map { ["ruleLine": $0.ruleLine, "keyResult": $0.keyResult, "reason": $0.reason] as [String: Any] },
            "skippedRows": plan.aggregate.skippedRows,
            "skipped": plan.aggregate.skipped.map { ["location": $0.location.description, "message": $0.message] },
        ]
        var data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        data.append(0x0A)
        return [UInt8](data)
    }
}
