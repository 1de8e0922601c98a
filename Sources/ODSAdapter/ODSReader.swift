import SheetKit
import XMLPackage

/// Reads an OpenDocument spreadsheet (`.ods`), streaming each sheet's rows to the consumer while
/// `content.xml` inflates; no sheet and no part of `content.xml` is held.
///
/// Opening checks the manifest for encryption and makes a first, cheap pass over `content.xml` for
/// the sheet list: each top-level `table:table`'s name, and whether its table style hides it. That
/// pass builds no cells and, when `meta.xml` gives the sheet count (LibreOffice always writes it), stops
/// at the last sheet's start tag instead of parsing every row. Should `meta.xml` count too few sheets,
/// the ones it missed are added to ``sheets`` (with a warning) once the last listed sheet has been read.
///
/// Values: `float`, `percentage` and `currency` cells are numbers; `date` cells dates or date-times;
/// `time` cells a time of day below 24 hours and a duration otherwise; `boolean` cells booleans;
/// `string` cells their `text:p` paragraphs joined by `\n`, with `text:s`, `text:tab` and
/// `text:line-break` spelled out and annotations left out; `calcext:value-type="error"` cells errors as
/// displayed (`#DIV/0!`). A formula (`table:formula`) is kept without its `of:` prefix and `=`
/// (`of:=SUM([.A1:.A3])` → `SUM([.A1:.A3])`) beside its cached value. Spans become merges; covered cells
/// keep whatever value they hold.
public final class ODSReader: WorkbookReader {
    /// The entry that holds the sheets.
    static let contentPart = "content.xml"

    public let format = FileFormat.ods
    public private(set) var sheets: [SheetInfo]
    public private(set) var warnings: [Diagnostic] = []

    private let package: ZipPackage
    private let displayName: String
    private let limits: Limits
    private let nullDate: CivilDate
    /// Whether the first pass stopped early on `meta.xml`'s count (so later sheets may be missing).
    private let listMayBeShort: Bool

    /// Opens a spreadsheet and lists its sheets.
    ///
    /// - Parameters:
    ///   - path: the file.
    ///   - displayName: the name messages show.
    ///   - limits: the safety limits.
    /// - Throws: ``SheetError/encrypted(_:_:)`` for a password-protected document,
    ///   ``SheetError/unsupportedFormat(_:_:)`` for an OpenDocument file that is not a spreadsheet,
    ///   ``SheetError/malformed(_:_:)`` for a broken package (no `content.xml`, XML that is not
    ///   well-formed), ``SheetError/limitExceeded(_:limit:value:howToRaise:)``.
    public init(path: String, displayName: String, limits: Limits = Limits()) throws {
        let package = try ZipPackage(path: path, displayName: displayName, limits: limits)
        let location = SourceLocation(file: displayName)
        self.package = package
        self.displayName = displayName
        self.limits = limits
        if try ODSManifestParser.isEncrypted(package) {
            throw SheetError.encrypted(location, "this OpenDocument spreadsheet is password-protected (encrypted); "
                + "open it in LibreOffice, save a copy without the password and read that")
        }
        if let kind = try ODSReader.documentKind(package) {
            throw SheetError.unsupportedFormat(location, "this file is an OpenDocument \(kind), not a spreadsheet; "
                + "only .ods spreadsheets are read")
        }
        guard package.entry(named: ODSReader.contentPart) != nil else {
            throw SheetError.malformed(location, "the package has no \(ODSReader.contentPart) (the entry that holds the sheets); "
                + "the file is damaged or not a spreadsheet")
        }
        let expected = ODSMetaParser.tableCount(package)
        let scan = try ODSContentScanner.scan(package, expectedTables: expected)
        guard !scan.tables.isEmpty else {
            throw SheetError.malformed(location, "the spreadsheet has no sheets (content.xml holds no table:table); "
                + "open it in LibreOffice and save it again")
        }
        sheets = scan.tables.map { SheetInfo(name: $0.name, hidden: scan.isHidden($0)) }
        nullDate = scan.nullDate ?? CivilDate(year: 1899, month: 12, day: 30)
        listMayBeShort = expected.map { scan.tables.count >= $0 } ?? false
    }

    /// Streams the rows of sheet `index` in ascending order.
    ///
    /// - Throws: ``SheetError`` with the sheet, row and column of the problem, or what `consumer` throws.
    public func readSheet(at index: Int, _ consumer: (Row) throws -> Void) throws -> SheetSummary {
        guard sheets.indices.contains(index) else {
            throw SheetError.invalidRequest(SourceLocation(file: displayName), "there is no sheet \(index + 1)")
        }
        let name = sheets[index].name
        let readOn = listMayBeShort && index == sheets.count - 1
        let parser = ODSSheetParser(target: index, knownTables: sheets.count, stopAfterTarget: !readOn,
                                    nullDate: nullDate, limits: limits, file: displayName, sheet: name)
        try withoutActuallyEscaping(consumer) { consumer in
            parser.consumer = consumer
            defer { parser.consumer = { _ in } }
            do {
                try package.parseXML(entry: ODSReader.contentPart, namespaces: ODSNamespace.contentMap(),
                                      handler: parser, location: SourceLocation.cell(displayName, sheet: name))
            } catch is ODSStop {
                // The sheet has ended; the rest of content.xml is not needed.
            }
        }
        if readOn, !parser.extraTables.isEmpty {
            let names = parser.extraTables.map { "\"\($0)\"" }.joined(separator: ", ")
            warnings.append(Diagnostic(.warning, SourceLocation(file: displayName),
                                       "meta.xml counts \(sheets.count) sheets but content.xml has more: \(names)"))
            sheets += parser.extraTables.map { SheetInfo(name: $0) }
        }
        return parser.summary
    }

    /// What kind of OpenDocument file a non-spreadsheet `mimetype` names (`text document`), or nil for a
    /// spreadsheet or a package without a `mimetype` entry.
    private static func documentKind(_ package: ZipPackage) throws -> String? {
        guard let entry = package.entry(named: "mimetype"), entry.uncompressedSize < 256 else { return nil }
        let type = String(decoding: try package.data(of: entry.name), as: UTF8.self)
        let prefix = "application/vnd.oasis.opendocument."
        guard type.hasPrefix(prefix) else { return nil }
        let kind = type.dropFirst(prefix.count)
        if kind.hasPrefix("spreadsheet") { return nil }
        switch kind.prefix(while: { $0 != "-" }) {
        case "text": return "text document (.odt)"
        case "presentation": return "presentation (.odp)"
        case "graphics": return "drawing (.odg)"
        case "chart": return "chart (.odc)"
        case "formula": return "formula (.odf)"
        case "database": return "database (.odb)"
        default: return "document (\(kind))"
        }
    }
}
