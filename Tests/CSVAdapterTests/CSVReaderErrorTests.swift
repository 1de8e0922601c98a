import Foundation
import SheetKit
import Testing
@testable import CSVAdapter

/// One broken input and where the error must point.
struct ErrorCase: Sendable, CustomTestStringConvertible {
    var name: String
    var bytes: [UInt8]
    var encoding: TextEncoding?
    /// `file:line:column`.
    var location: String
    /// A part of the message.
    var message: String

    init(_ name: String, _ bytes: [UInt8], encoding: TextEncoding? = nil, at location: String, _ message: String) {
        self.name = name
        self.bytes = bytes
        self.encoding = encoding
        self.location = location
        self.message = message
    }

    var testDescription: String { name }
}

@Suite("CSV reader errors")
struct CSVReaderErrorTests {
    static func b(_ text: String) -> [UInt8] { Array(text.utf8) }

    static let malformedCases: [ErrorCase] = [
        ErrorCase("NUL byte", b("a,b\n1,2\nxy,z\u{0}w\n"), at: "bad.csv:3:5", "NUL"),
        ErrorCase("NUL after CR line ends", b("a\rb\rcd\u{0}"), at: "bad.csv:3:3", "NUL"),
        ErrorCase("NUL after CRLF line ends", b("a\r\nb\r\n\u{0}"), at: "bad.csv:3:1", "NUL"),
        ErrorCase("NUL inside a quoted field on its second line", b("h\n\"first\nse\u{0}cond\"\n"), at: "bad.csv:3:3", "NUL"),
        ErrorCase("NUL after unicode counts characters", b("é€🟢\u{0}"), at: "bad.csv:1:4", "NUL"),
        ErrorCase("NUL in text after a closing quote", b("\"a\"b\u{0}\n"), at: "bad.csv:1:5", "NUL"),
        ErrorCase("quote never closed", b("a,b\nc,\"open\nmore\n"), at: "bad.csv:2:3", "never closed"),
        ErrorCase("invalid UTF-8 with forced UTF-8", b("a,b\ncaf") + [0xE9] + b(",x\n"), encoding: .utf8, at: "bad.csv:2:4", "0xE9"),
        ErrorCase("truncated UTF-8 at the end", b("a,b\nx") + [0xE2, 0x82], encoding: .utf8, at: "bad.csv:2:2", "UTF-8"),
        ErrorCase("overlong UTF-8", b("ab") + [0xC0, 0xAF], encoding: .utf8, at: "bad.csv:1:3", "0xC0"),
        ErrorCase("surrogate in UTF-8", b("x") + [0xED, 0xA0, 0x80], encoding: .utf8, at: "bad.csv:1:2", "0xED"),
        ErrorCase("invalid UTF-8 after a UTF-8 BOM", [0xEF, 0xBB, 0xBF] + b("ok\nbad") + [0xFF] + b("\n"), at: "bad.csv:2:4", "0xFF"),
        ErrorCase("UTF-16 with an odd byte count", [0xFF, 0xFE, 0x61, 0x00, 0x62], at: "bad.csv:1:2", "odd number"),
        ErrorCase("UTF-16 lone low surrogate", [0xFF, 0xFE, 0x61, 0x00, 0x0A, 0x00, 0x00, 0xDC], at: "bad.csv:2:1", "surrogate"),
        ErrorCase("UTF-16 high surrogate without low half", [0xFF, 0xFE, 0x61, 0x00, 0x00, 0xD8, 0x62, 0x00], at: "bad.csv:1:2", "surrogate"),
        ErrorCase("UTF-16 NUL character", [0xFF, 0xFE, 0x61, 0x00, 0x00, 0x00], at: "bad.csv:1:2", "NUL"),
    ]

    @Test(arguments: malformedCases, [1, 1 << 20])
    func malformed(_ c: ErrorCase, chunkSize: Int) throws {
        let folder = try TestFolder()
        let path = try folder.write("bad.csv", c.bytes)
        var options = CSVReadOptions()
        options.encoding = c.encoding
        let error = CSV.sheetError { _ = try CSV.rows(path, options, chunkSize: chunkSize) }
        guard case .malformed(let location, let message)? = error else {
            Issue.record("expected malformed, got \(String(describing: error))")
            return
        }
        #expect(location.description.replacingOccurrences(of: folder.url.path + "/", with: "") == c.location)
        #expect(message.contains(c.message), "\(message)")
    }

    @Test func copyReportsTheSameErrors() throws {
        for c in CSVReaderErrorTests.malformedCases {
            let folder = try TestFolder()
            let path = try folder.write("bad.csv", c.bytes)
            var options = CSVReadOptions()
            options.encoding = c.encoding
            let error = CSV.sheetError {
                _ = try CSVCopy.copy(inputPath: path, displayName: "bad.csv", readOptions: options, outputPath: folder.path("out.csv"),
                                     writeOptions: CSVWriteOptions())
            }
            #expect(error?.location.description == c.location, "\(c.name)")
            #expect(try folder.names() == ["bad.csv"], "no output is left behind: \(c.name)")
        }
    }

    /// (name, input, limits, limit name, location).
    static let limitCases: [(String, String, Limits, String, String)] = {
        var field = Limits()
        field.maxCSVFieldBytes = 5
        var rows = Limits()
        rows.maxRows = 3
        var columns = Limits()
        columns.maxColumns = 3
        return [
            ("field", "a,b\nabcde,\"ab\"\"de\",abcdef\n", field, "csv-field-bytes", "big.csv:2:16"),
            ("quoted field", "a,\"abc\nd\"\"ef\"\n", field, "csv-field-bytes", "big.csv:1:3"),
            ("field after quote", "\"abc\"def\n", field, "csv-field-bytes", "big.csv:1:1"),
            ("rows", "1\n2\n3\n4\n5\n", rows, "rows", "big.csv:4:1"),
            ("rows with quoted newlines", "\"1\n1\"\n2\n3\n\"4\n4\"\n", rows, "rows", "big.csv:5:1"),
            ("columns", "a,b,c\n1,2,3,4\n", columns, "columns", "big.csv:2:7"),
            ("empty columns count", "a,b,c\n,,,\n", columns, "columns", "big.csv:2:4"),
        ]
    }()

    @Test(arguments: limitCases)
    func limitExceeded(_ name: String, _ text: String, _ limits: Limits, _ limit: String, _ location: String) throws {
        let folder = try TestFolder()
        let path = try folder.write("big.csv", text)
        var options = CSVReadOptions()
        options.limits = limits
        for chunkSize in [1, 1 << 20] {
            let error = CSV.sheetError { _ = try CSV.rows(path, options, chunkSize: chunkSize) }
            guard case .limitExceeded(let at, let named, _, let howToRaise)? = error else {
                Issue.record("expected limitExceeded, got \(String(describing: error))")
                return
            }
            #expect(named == limit)
            #expect(howToRaise == Limits.howToRaise(limit))
            #expect(at.description.replacingOccurrences(of: folder.url.path + "/", with: "") == location)
        }
    }

    @Test func aHugeFieldFailsWithoutReadingItAll() throws {
        let folder = try TestFolder()
        var bytes = Array("a,\"".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "x"), count: 3 << 20)
        let path = try folder.write("huge.csv", bytes)
        var options = CSVReadOptions()
        options.limits.maxCSVFieldBytes = 1 << 20
        let error = CSV.sheetError { _ = try CSV.rows(path, options) }
        guard case .limitExceeded(_, "csv-field-bytes", _, _)? = error else {
            Issue.record("expected the field limit, got \(String(describing: error))")
            return
        }
    }

    @Test func badDelimiterIsRefused() throws {
        let folder = try TestFolder()
        let path = try folder.write("x.csv", "a\n")
        var options = CSVReadOptions()
        options.delimiter = UInt8(ascii: "\"")
        guard case .invalidRequest? = CSV.sheetError({ _ = try CSVReader(path: path, displayName: "x.csv", options: options) }) else {
            Issue.record("expected invalidRequest")
            return
        }
    }

    @Test func missingFile() {
        guard case .io? = CSV.sheetError({ _ = try CSVReader(path: "/nonexistent/okrsheet.csv", displayName: "okrsheet.csv") }) else {
            Issue.record("expected io")
            return
        }
    }

    @Test func secondSheetDoesNotExist() throws {
        let folder = try TestFolder()
        let reader = try CSVReader(path: try folder.write("x.csv", "a\n"), displayName: "x.csv")
        guard case .invalidRequest? = CSV.sheetError({ _ = try reader.readSheet(at: 1) { _ in } }) else {
            Issue.record("expected invalidRequest")
            return
        }
    }

    @Test func consumerErrorsPassThrough() throws {
        struct Stop: Error {}
        let folder = try TestFolder()
        let reader = try CSVReader(path: try folder.write("x.csv", "a\nb\n"), displayName: "x.csv")
        #expect(throws: Stop.self) { _ = try reader.readSheet(at: 0) { _ in throw Stop() } }
    }
}
