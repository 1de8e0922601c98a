import CSVAdapter
import Foundation
import ODSAdapter
import OKRCore
import SheetIO
import SheetKit
import XLSXAdapter

/// Writes the OKR model in the format an output asks for: the JSON model, or the flat layout as CSV/TSV.
public struct ModelWriter {
    /// The labels' language (`--lang`), else the model's.
    public var language: String?
    /// Keep text starting with = + - @ as it is in CSV output (`--allow-formulas`).
    public var allowFormulas = false
    /// One row per key result instead of the board (`--layout flat`); CSV and TSV are always flat.
    public var flat = false

    public init() {}

    /// The formats `convert` writes.
    public static let formats: Set<FileFormat> = [.json, .csv, .tsv, .markdown, .xlsx, .ods]

    /// Writes `model` to `target`.
    ///
    /// - Throws: ``SheetError`` when the output cannot be written.
    public func write(_ model: OKRModel, to target: OutputTarget) throws {
        switch target.format {
        case .json:
            try writeJSON(model, to: target.path)
        case .csv, .tsv:
            try writeFlatCSV(model, to: target.path, tab: target.format == .tsv)
        case .markdown:
            var report = MarkdownReport(language: language ?? model.language)
            report.neutralizeFormulas = !allowFormulas
            try ModelWriter.write(Data(report.render(model).utf8), to: target.path)
        case .xlsx where flat:
            try writeFlatXLSX(model, to: target.path)
        case .xlsx:
            try BoardXLSXReport(language: language ?? model.language).write(model, to: target.path)
        case .ods where flat:
            try writeFlat(model, language: language ?? model.language, to: try ODSWriter(path: target.path)) { $0 }
        case .ods:
            try BoardODSReport(language: language ?? model.language).write(model, to: target.path)
        default:
            throw UsageError("convert cannot write \(target.format.displayName) yet; use .json, .csv, .tsv, .md, .xlsx or .ods")
        }
    }

    /// The model as JSON: every field present, keys sorted so the output is stable, full precision.
    public func writeJSON(_ model: OKRModel, to path: String?) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(model)
        data.append(0x0A)
        try ModelWriter.write(data, to: path)
    }

    /// The flat layout as CSV. Dutch and French files use `;` and a decimal comma, as Excel on a Dutch or
    /// French PC expects; English ones `,` and a decimal point.
    public func writeFlatCSV(_ model: OKRModel, to path: String?, tab: Bool = false) throws {
        let language = self.language ?? model.language
        let decimalComma = language == "nl" || language == "fr"
        var options = CSVWriteOptions()
        options.delimiter = tab ? 9 : (decimalComma ? UInt8(ascii: ";") : UInt8(ascii: ","))
        options.neutralizeFormulas = !allowFormulas
        try writeFlat(model, language: language, to: try CSVWriter(path: path, options: options)) { value in
            guard case .number(let d) = value, decimalComma else { return value }
            return .text(CellValue.numberText(d).replacingOccurrences(of: ".", with: ","))
        }
    }

    /// The flat layout as a plain XLSX table (numbers as numbers, deadlines as dates).
    public func writeFlatXLSX(_ model: OKRModel, to path: String?) throws {
        try writeFlat(model, language: self.language ?? model.language, to: try XLSXWriter(path: path)) { $0 }
    }

    /// Writes the flat layout's rows through any writer, each value passed through `cell` first.
    func writeFlat(_ model: OKRModel, language: String, to writer: any WorkbookWriter,
                   cell: (CellValue) -> CellValue) throws {
        try writer.beginSheet(SheetInfo(name: "OKR"))
        var summary = SheetSummary()
        for (index, values) in FlatLayout.rows(model, language: language).enumerated() {
            let cells = values.enumerated().compactMap { column, value in value.isEmpty ? nil : Cell(column: column, value: cell(value)) }
            let row = Row(index: index, cells: cells)
            summary.count(row)
            try writer.write(row)
        }
        try writer.endSheet(summary)
        try writer.finish()
    }

    static func write(_ data: Data, to path: String?) throws {
        let destination = try OutputDestination(path: path)
        data.withUnsafeBytes { destination.writer.write($0) }
        try destination.commit()
    }
}
