import SheetKit

/// `okrsheet inspect`: what a file is and what its sheets hold.
public struct InspectJob {
    public var input: String
    public var sheet: String?
    public var limits = Limits()

    public init(input: String) {
        self.input = input
    }

    /// One sheet of the report.
    public struct SheetReport: Sendable, Hashable, Codable {
        public var name: String
        /// Rows from row 1 to the last non-empty one.
        public var rows: Int
        /// Columns from A to the last non-empty one.
        public var columns: Int
        public var hidden: Bool
        /// Merged ranges such as `A1:C1`.
        public var merges: [String]
    }

    /// The whole report; its JSON form is a stable contract (DESIGN.md, `inspect --format json`).
    public struct Report: Sendable, Hashable, Codable {
        public var file: String
        public var format: String
        public var sheets: [SheetReport]
        public var warnings: [String]
        /// The sheet holding the OKR table, when one was found (filled by the OKR import).
        public var okrSheet: String?
        /// The 1-based header row of the OKR table.
        public var headerRow: Int?
        /// The language of the headers: nl, fr or en.
        public var language: String?
        /// Field → column letter (`"objective": "B"`).
        public var mapping: [String: String]?
    }

    /// Reads every sheet (or the one named) once, streaming, to measure it.
    public func run() throws -> Report {
        let inputFile = try InputFile(input)
        var options = OpenOptions()
        options.limits = limits
        let opened = try Workbooks.open(inputFile, options: options)
        let reader = opened.reader
        let indices = try sheet.map { [try reader.sheetIndex(named: $0, file: inputFile.displayName)] } ?? Array(reader.sheets.indices)
        var sheets: [SheetReport] = []
        for index in indices {
            var summary = SheetSummary()
            let tail = try reader.readSheet(at: index) { summary.count($0) }
            let info = reader.sheets[index]
            sheets.append(SheetReport(name: info.name, rows: summary.usedRows, columns: summary.usedColumns,
                                      hidden: info.hidden, merges: tail.merges.map(\.description)))
        }
        return Report(file: inputFile.displayName, format: reader.format.rawValue, sheets: sheets,
                      warnings: opened.warnings.map(\.description))
    }
}

extension InspectJob.Report {
    /// The human form: one line for the file, one per sheet.
    public var text: String {
        var lines = ["\(file): \(format.uppercased()), \(sheets.count) sheet\(sheets.count == 1 ? "" : "s")"]
        for sheet in sheets {
            var line = "  \(sheet.name): \(sheet.rows) rows × \(sheet.columns) columns"
            if sheet.rows > 0, sheet.columns > 0 {
                line += " (A1:\(CellReference(row: sheet.rows - 1, column: sheet.columns - 1)))"
            }
            if sheet.hidden { line += ", hidden" }
            if !sheet.merges.isEmpty { line += ", \(sheet.merges.count) merged range\(sheet.merges.count == 1 ? "" : "s")" }
            lines.append(line)
        }
        if let okrSheet, let headerRow, let mapping {
            lines.append("OKR table: sheet \(okrSheet), header row \(headerRow)\(language.map { ", language \($0)" } ?? "")")
            for (field, column) in mapping.sorted(by: { ($0.value.count, $0.value) < ($1.value.count, $1.value) }) {
                lines.append("  \(column): \(field)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
