import Foundation

/// The hostile inputs of issue #8, generated on the spot, never committed (one is a ZIP bomb).
///
/// Foundation only, so that `fuzz/hostile-limits` compiles this file with a small `main` and runs
/// the same cases on the release build. Each case knows how to write its input into a folder and
/// what `okrsheet table INPUT OUT.csv` must do with it.
struct HostileInput: Sendable, CustomStringConvertible {
    /// What `okrsheet table` must do.
    enum Outcome: Sendable {
        /// Exit 3 with a compiler-style error naming the input, whose message mentions each of these.
        case error(mentioning: [String])
        /// Exit 0 with exactly this CSV: the honest answer for a file that only looks dangerous.
        case result(String)
    }

    /// A short name, also the input's base name.
    let name: String
    /// The input's extension (what a user would see; the bytes decide the format).
    let pathExtension: String
    /// Options given to `okrsheet table` after the input and output paths.
    let options: [String]
    let outcome: Outcome
    /// Text that must appear in no output, standard output or standard error (a file an XXE points at).
    let secret: String?
    /// Writes the input (and any file it refers to) into `folder`.
    let write: @Sendable (_ input: URL, _ folder: URL) throws -> Void
    /// The bug that still makes okrsheet fail this case, if one does: the test then expects its
    /// checks to fail (`withKnownIssue`), and fails once the bug is fixed, so that this is removed.
    let knownIssue: String?

    var description: String { name }

    init(_ name: String, _ pathExtension: String, options: [String] = [], _ outcome: Outcome, secret: String? = nil,
         knownIssue: String? = nil, write: @escaping @Sendable (_ input: URL, _ folder: URL) throws -> Void) {
        self.name = name
        self.pathExtension = pathExtension
        self.options = options
        self.outcome = outcome
        self.secret = secret
        self.knownIssue = knownIssue
        self.write = write
    }

    init(_ name: String, _ pathExtension: String, options: [String] = [], _ outcome: Outcome, knownIssue: String? = nil,
         bytes: @escaping @Sendable () -> [UInt8]) {
        self.init(name, pathExtension, options: options, outcome, knownIssue: knownIssue) { input, _ in
            try Data(bytes()).write(to: input)
        }
    }

    /// Writes the input into `folder` and returns its path.
    func make(in folder: URL) throws -> URL {
        let input = folder.appendingPathComponent("\(name).\(pathExtension)")
        try write(input, folder)
        return input
    }
}

extension HostileInput {
    /// The marker the XXE cases hide in a local file.
    static let secretMarker = "okrsheet-xxe-secret-7f3a9c"
    /// The uncompressed size of the ZIP bomb's worksheet: under the 4 GiB entry limit and ZIP64, so
    /// that the compression-ratio limit is what must stop it.
    static let bombBytes: Int64 = 4_000_000_000

    /// Every case, in the order of issue #8.
    static let all: [HostileInput] = [
        HostileInput("zip-bomb", "xlsx", .error(mentioning: ["compression-ratio", "--limits compression-ratio="])) {
            HostileZip.archive(XLSXParts.workbook(sheet: .bomb(prefix: XLSXParts.sheetStart, run: UInt8(ascii: " "),
                                                              count: bombBytes, suffix: XLSXParts.sheetEnd)))
        },
        HostileInput("billion-laughs", "xlsx", .error(mentioning: ["DOCTYPE not allowed"])) {
            HostileZip.archive(XLSXParts.workbook(sheet: .text(XMLText.billionLaughs(XLSXParts.sheetFrame))))
        },
        HostileInput("billion-laughs", "ods", .error(mentioning: ["DOCTYPE not allowed"])) {
            HostileZip.archive(ODSParts.spreadsheet(content: XMLText.billionLaughs(ODSParts.contentFrame)))
        },
        xxe("xxe-worksheet", "xlsx") { file in
            HostileZip.archive(XLSXParts.workbook(sheet: .text(XMLText.xxe(XLSXParts.sheetFrame, file: file))))
        },
        xxe("xxe-shared-strings", "xlsx") { file in
            HostileZip.archive(XLSXParts.workbook(sharedStrings: XMLText.xxe(XLSXParts.sharedStringsFrame, file: file)))
        },
        xxe("xxe-parameter-entity", "xlsx") { file in
            HostileZip.archive(XLSXParts.workbook(sheet: .text(XMLText.parameterXXE(XLSXParts.sheetFrame, file: file))))
        },
        xxe("xxe-content", "ods") { file in
            HostileZip.archive(ODSParts.spreadsheet(content: XMLText.xxe(ODSParts.contentFrame, file: file)))
        },
        doctype("doctype-worksheet", "xlsx") { XLSXParts.workbook(sheet: .text(XMLText.withDoctype(XLSXParts.sheet()))) },
        doctype("doctype-styles", "xlsx") { XLSXParts.workbook(styles: XMLText.withDoctype(XLSXParts.styles)) },
        doctype("doctype-shared-strings", "xlsx") { XLSXParts.workbook(sharedStrings: XMLText.withDoctype(XLSXParts.sharedStrings)) },
        doctype("doctype-workbook", "xlsx") { XLSXParts.workbook(workbook: XMLText.withDoctype(XLSXParts.workbookXML)) },
        doctype("doctype-relationships", "xlsx") { XLSXParts.workbook(relationships: XMLText.withDoctype(XLSXParts.relationships)) },
        doctype("doctype-content-types", "xlsx") { XLSXParts.workbook(contentTypes: XMLText.withDoctype(XLSXParts.contentTypes)) },
        doctype("doctype-content", "ods") { ODSParts.spreadsheet(content: XMLText.withDoctype(ODSParts.content())) },
        doctype("doctype-manifest", "ods") { ODSParts.spreadsheet(manifest: XMLText.withDoctype(ODSParts.manifest)) },
        HostileInput("truncated-zip", "xlsx", .error(mentioning: ["truncated-zip.xlsx"])) {
            let whole = HostileZip.archive(XLSXParts.workbook())
            return Array(whole.prefix(whole.count / 2))
        },
        HostileInput("truncated-zip", "ods", .error(mentioning: ["truncated-zip.ods"])) {
            let whole = HostileZip.archive(ODSParts.spreadsheet())
            return Array(whole.prefix(whole.count * 2 / 3))
        },
        HostileInput("missing-worksheet", "xlsx", .error(mentioning: ["xl/worksheets/sheet1.xml"])) {
            HostileZip.archive(XLSXParts.workbook().filter { $0.name != "xl/worksheets/sheet1.xml" })
        },
        HostileInput("missing-workbook", "xlsx", .error(mentioning: ["xl/workbook.xml"])) {
            HostileZip.archive(XLSXParts.workbook().filter { $0.name != "xl/workbook.xml" })
        },
        HostileInput("missing-content", "ods", .error(mentioning: ["content.xml"])) {
            HostileZip.archive(ODSParts.spreadsheet().filter { $0.name != "content.xml" })
        },
        HostileInput("huge-unique-count", "xlsx", .result("Doel,1\n")) {
            HostileZip.archive(XLSXParts.workbook(sharedStrings: XLSXParts.sharedStrings.replacingOccurrences(
                of: "uniqueCount=\"1\"", with: "uniqueCount=\"4000000000\"")))
        },
        HostileInput("column-beyond-xfd", "xlsx", .error(mentioning: ["XFE1"])) {
            HostileZip.archive(XLSXParts.workbook(sheet: .text(XLSXParts.sheet(rows: "<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>"))))
        },
        HostileInput("row-beyond-1048576", "xlsx", .error(mentioning: ["row 1048577 is beyond"])) {
            HostileZip.archive(XLSXParts.workbook(sheet: .text(XLSXParts.sheet(rows: "<row r=\"1048577\"><c r=\"A1048577\"><v>1</v></c></row>"))))
        },
        HostileInput("repeat-whole-sheet", "ods", .error(mentioning: ["--limits"])) {
            HostileZip.archive(ODSParts.spreadsheet(content: ODSParts.content(rows: """
                <table:table-row table:number-rows-repeated="1048576"><table:table-cell office:value-type="float" \
                office:value="1" table:number-columns-repeated="16384"/></table:table-row>
                """)))
        },
        HostileInput("password-protected", "xlsx", .error(mentioning: ["password"])) {
            CompoundFile.file(streams: [("EncryptionInfo", CompoundFile.encryptionInfo), ("EncryptedPackage", [UInt8](repeating: 0xA5, count: 8192))])
        },
        HostileInput("legacy", "xls", .error(mentioning: ["legacy"])) {
            CompoundFile.file(streams: [("Workbook", CompoundFile.biffWorkbook)])
        },
        HostileInput("png", "xlsx", .error(mentioning: ["PNG"])) {
            [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8) + [UInt8](repeating: 0, count: 17)
        },
        HostileInput("empty", "xlsx", .result("")) { [] },
        HostileInput("empty", "csv", .result("")) { [] },
        HostileInput("nul-bytes", "csv", .error(mentioning: ["nul-bytes.csv:2:8: error:"])) {
            Array("Doel,Waarde\nOmzet,1\u{0}200\nKosten,3\n".utf8)
        },
        HostileInput("invalid-utf8", "csv", options: ["--encoding", "utf-8"], .error(mentioning: ["invalid-utf8.csv:2:"])) {
            Array("a,b\n1,".utf8) + [0xC3, 0x28, 0xFF] + Array("\n".utf8)
        },
        HostileInput("field-over-limit", "csv", .error(mentioning: ["csv-field-bytes", "--limits csv-field-bytes="])) {
            Array("a,b\n1,\"".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: (16 << 20) + 1) + Array("\"\n".utf8)
        },
        HostileInput("deep-nesting", "xlsx", .error(mentioning: ["nest"])) {
            HostileZip.archive(XLSXParts.workbook(sheet: .text(XLSXParts.sheetStart + String(repeating: "<x>", count: 100_000)
                + String(repeating: "</x>", count: 100_000) + XLSXParts.sheetEnd)))
        },
        HostileInput("deep-nesting", "ods", .error(mentioning: ["nest"])) {
            HostileZip.archive(ODSParts.spreadsheet(content: ODSParts.content(rows: """
                <table:table-row><table:table-cell office:value-type="string"><text:p>\
                \(String(repeating: "<text:span>", count: 100_000))x\(String(repeating: "</text:span>", count: 100_000))\
                </text:p></table:table-cell></table:table-row>
                """)))
        },
        // Found by the `table` fuzz target: a workbook that lists no sheet (here plainly; the fuzzer's
        // had its <sheet> in a mangled namespace) crashed `table` and `update --from`; the readers now
        // refuse it when they open it.
        HostileInput("no-sheets", "xlsx", .error(mentioning: ["no-sheets.xlsx", "lists no sheets"])) {
            HostileZip.archive(XLSXParts.workbook(workbook: XLSXParts.workbookXML.replacingOccurrences(
                of: "<sheets><sheet name=\"Blad1\" sheetId=\"1\" r:id=\"rId1\"/></sheets>", with: "<sheets/>")))
        },
        HostileInput("no-sheets", "ods", .error(mentioning: ["no-sheets.ods", "has no sheets"])) {
            HostileZip.archive(ODSParts.spreadsheet(content: ODSParts.documentStart + ODSParts.documentEnd))
        },
    ]


    /// A case whose input points an external entity at a file holding ``secretMarker``.
    private static func xxe(_ name: String, _ pathExtension: String,
                            _ archive: @escaping @Sendable (_ fileURL: String) -> [UInt8]) -> HostileInput {
        HostileInput(name, pathExtension, .error(mentioning: ["DOCTYPE not allowed"]), secret: secretMarker) { input, folder in
            let secret = folder.appendingPathComponent("\(name)-secret.txt")
            try Data("\(secretMarker)\n".utf8).write(to: secret)
            try Data(archive(secret.absoluteString)).write(to: input)
        }
    }

    private static func doctype(_ name: String, _ pathExtension: String,
                                _ parts: @escaping @Sendable () -> [HostileZip.Entry]) -> HostileInput {
        HostileInput(name, pathExtension, .error(mentioning: ["DOCTYPE not allowed"])) { HostileZip.archive(parts()) }
    }
}

/// Hostile XML: document type declarations, entities and their expansions, put into a part.
enum XMLText {
    /// `document` with an internal DTD after its XML declaration.
    static func withDoctype(_ document: String) -> String {
        let (declaration, rest) = split(document)
        return declaration + "<!DOCTYPE root [<!ELEMENT root ANY>]>" + rest
    }

    /// Ten levels of ten-fold entity expansion (a billion `lol`s), the last shown in a cell.
    static func billionLaughs(_ frame: XMLFrame) -> String {
        var dtd = "<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
        for level in 1...9 {
            dtd += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level == 1 ? "" : String(level - 1));", count: 10) + "\">"
        }
        return frame.document(dtd: dtd + "]>", cell: "&lol9;")
    }

    /// An external entity pointing at `file`, shown in a cell.
    static func xxe(_ frame: XMLFrame, file: String) -> String {
        frame.document(dtd: "<!DOCTYPE root [<!ENTITY xxe SYSTEM \"\(file)\">]>", cell: "&xxe;")
    }

    /// An external parameter entity pointing at `file`, expanded inside the DTD itself.
    static func parameterXXE(_ frame: XMLFrame, file: String) -> String {
        frame.document(dtd: "<!DOCTYPE root [<!ENTITY % xxe SYSTEM \"\(file)\"> %xxe;]>", cell: "x")
    }

    /// The XML declaration and the rest.
    static func split(_ document: String) -> (String, String) {
        guard document.hasPrefix("<?xml"), let end = document.range(of: "?>") else { return ("", document) }
        return (String(document[..<end.upperBound]), String(document[end.upperBound...]))
    }
}

/// A part with one text cell: where hostile XML goes.
struct XMLFrame: Sendable {
    /// From the XML declaration to where the cell goes.
    let start: String
    /// The cell (or shared string) holding `text`.
    let cell: @Sendable (_ text: String) -> String
    /// What closes the part.
    let end: String

    /// The part with `dtd` after the XML declaration and `text` in its cell.
    func document(dtd: String, cell text: String) -> String {
        let (declaration, rest) = XMLText.split(start)
        return declaration + dtd + rest + cell(text) + end
    }
}
