import CSVAdapter
import ODSAdapter
import SheetKit
import XLSXAdapter
import XMLPackage

/// Options for opening an input, whatever its format.
public struct OpenOptions: Sendable {
    /// CSV only: the delimiter, else sniffed.
    public var delimiter: UInt8?
    /// CSV only: the encoding, else sniffed.
    public var encoding: TextEncoding?
    /// CSV only: how fields are typed.
    public var csvTyping: CSVTyping = .text
    public var limits = Limits()

    public init() {}
}

/// A workbook opened by its bytes, with what was noticed on the way.
public struct OpenedWorkbook {
    public var reader: any WorkbookReader
    public var warnings: [Diagnostic]
}

/// The one entry point that opens any supported input, choosing the reader from the file's bytes.
public enum Workbooks {
    /// Opens `input` with the reader its bytes call for; a name that contradicts the bytes is a warning.
    ///
    /// - Throws: ``SheetError`` naming what the file is when okrsheet does not read it.
    public static func open(_ input: InputFile, options: OpenOptions = OpenOptions()) throws -> OpenedWorkbook {
        let location = SourceLocation(file: input.displayName)
        let reader: any WorkbookReader
        let prefix = try input.prefix(FormatSniffer.prefixLength)
        switch FormatSniffer.sniff(prefix) {
        case .refused(var what):
            if prefix.starts(with: FormatSniffer.cfbMagic) {
                what = FormatSniffer.describeCompoundFile(try input.prefix(8 << 20))
                if what.contains("password") { throw SheetError.encrypted(location, "this file is \(what)") }
            }
            throw SheetError.unsupportedFormat(location, "this file is \(what)")
        case .text:
            var csv = CSVReadOptions()
            csv.delimiter = options.delimiter
            csv.encoding = options.encoding
            csv.typing = options.csvTyping
            csv.limits = options.limits
            reader = try CSVReader(path: input.path, displayName: input.displayName, options: csv)
        case .zip:
            let package = try ZipPackage(path: input.path, displayName: input.displayName, limits: options.limits)
            if package.contains("[Content_Types].xml") {
                if package.contains("xl/workbook.bin") {
                    throw SheetError.unsupportedFormat(location, "this file is an Excel binary workbook (.xlsb), "
                        + "which okrsheet does not read; open it in Excel or LibreOffice and save it as .xlsx")
                }
                reader = try XLSXReader(path: input.path, displayName: input.displayName, limits: options.limits)
            } else if package.contains("mimetype") || package.contains("content.xml") {
                reader = try ODSReader(path: input.path, displayName: input.displayName, limits: options.limits)
            } else if package.contains("EncryptedPackage") {
                throw SheetError.encrypted(location, "this workbook is password-protected; remove the password in Excel and save it again")
            } else {
                throw SheetError.unsupportedFormat(location, "this file is a ZIP archive but not a spreadsheet "
                    + "(no [Content_Types].xml or mimetype entry)")
            }
        }
        var warnings = reader.warnings
        let ext = input.pathExtension
        if !ext.isEmpty, !reader.format.matches(pathExtension: ext) {
            warnings.insert(Diagnostic(.warning, location,
                "the name says .\(ext) but the contents are \(reader.format.displayName); reading it as \(reader.format.displayName)"), at: 0)
        }
        return OpenedWorkbook(reader: reader, warnings: warnings)
    }
}

extension FileFormat {
    /// How messages name the format.
    public var displayName: String {
        switch self {
        case .csv: return "CSV"
        case .tsv: return "TSV"
        case .xlsx: return "XLSX"
        case .xlsm: return "XLSM"
        case .ods: return "ODS"
        case .json: return "JSON"
        case .markdown: return "Markdown"
        }
    }
}
