import Foundation
import OKRCore
import SheetIO
import SheetKit

/// `okrsheet convert` and `check`: a template (or the JSON model) in, the model out.
public struct ConvertJob {
    public var input: String
    public var options = ImportOptions()

    public init(input: String) {
        self.input = input
    }

    /// What a conversion produced.
    public struct Result {
        public var model: OKRModel
        /// Reader warnings (name contradicting bytes, encoding guesses).
        public var warnings: [Diagnostic]
        /// Where the table was found; nil for a JSON model input.
        public var header: HeaderMatch?
        public var sheetName: String?
    }

    /// Reads the input: the OKR model as JSON, or a template in any format okrsheet reads.
    ///
    /// - Throws: ``SheetError`` for unreadable input or a file without an OKR table.
    public func load() throws -> Result {
        let file = try InputFile(input)
        if let model = try ConvertJob.readModelJSON(file) {
            var model = model
            if let period = options.period { model.period = period }
            if let asOf = options.asOf { model.asOf = asOf }
            model.findings = []
            DerivedFields.evaluate(&model, thresholds: options.mapping.thresholds)
            model.findings += OKRLint.check(model) + KPILint.check(model)
            return Result(model: model, warnings: [], header: nil, sheetName: nil)
        }
        var open = OpenOptions()
        open.limits = options.limits
        let opened = try Workbooks.open(file, options: open)
        let importer = TemplateImporter(options: options)
        let imported = try importer.importWorkbook(from: opened.reader, file: file.displayName)
        return Result(model: imported.model, warnings: opened.warnings, header: imported.located?.header,
                      sheetName: imported.located.map { opened.reader.sheets[$0.sheetIndex].name } ?? imported.kpiSheets.first)
    }

    /// The model when the file is okrsheet's JSON (starts with `{`), nil for anything else.
    static func readModelJSON(_ file: InputFile) throws -> OKRModel? {
        let prefix = try file.prefix(64)
        guard let first = prefix.first(where: { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }), first == UInt8(ascii: "{") else {
            return nil
        }
        let data = try Data(contentsOf: URL(fileURLWithPath: file.path))
        do {
            return try JSONDecoder().decode(OKRModel.self, from: data)
        } catch let error as DecodingError {
            throw SheetError.malformed(SourceLocation(file: file.displayName), "not an okrsheet OKR model: \(ConvertJob.describe(error))")
        } catch {
            throw SheetError.malformed(SourceLocation(file: file.displayName), "not valid JSON: \(error.localizedDescription)")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
        }
        switch error {
        case .dataCorrupted(let c): return "\(path(c.codingPath)): \(c.debugDescription)"
        case .keyNotFound(let key, let c): return "\(path(c.codingPath)): missing \"\(key.stringValue)\""
        case .typeMismatch(_, let c), .valueNotFound(_, let c): return "\(path(c.codingPath)): \(c.debugDescription)"
        @unknown default: return "\(error)"
        }
    }

    /// Writes findings as a JSON array on standard output (`check --format json`).
    public static func writeFindingsJSON(_ findings: [Finding]) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(findings)
        data.append(0x0A)
        try ModelWriter.write(data, to: nil)
    }

}

extension ConvertJob {
    /// Where the OKR table of the input is (for `inspect`): the sheet, the header and its columns; nil when
    /// the file holds none.
    public func locateTable() throws -> (sheet: String, header: HeaderMatch)? {
        let file = try InputFile(input)
        var open = OpenOptions()
        open.limits = options.limits
        let opened = try Workbooks.open(file, options: open)
        let importer = TemplateImporter(options: options)
        guard let located = try? importer.locate(in: opened.reader, file: file.displayName) else { return nil }
        return (opened.reader.sheets[located.sheetIndex].name, located.header)
    }
}
