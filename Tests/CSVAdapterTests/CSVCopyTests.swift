import Foundation
import SheetKit
import Testing
@testable import CSVAdapter

@Suite("CSV copy")
struct CSVCopyTests {
    /// Inputs for which the copy must give exactly what reader → writer gives.
    static let inputs: [String] = [
        "a,b,c\n1,2,3\n",
        "a;b;c\r\n1;\"x;y\";7,2\r\n\r\n\"he said \"\"hi\"\"\";\"multi\nline\";\r\nlast;;\r\n",
        "title\na,b,c\n1,2\n\n\n",
        "\n\n,,x\n",
        "\"a\"b,\"c\"\"\"d\n\"\"\"\",\"q\"\n",
        "a,\"b,c\"\n\"x\ny\",\"plain\"\n",
        "sep=;\nx;y\n",
        "a\tb\n\"c\td\"\te\n",
        "x,\n,y\n,,\n",
        "only\r",
        "\u{FEFF}bom,\"quoted\"\n",
        "=a,+b,-c,@d,\"\tx\",-5,+12\n",
        "a|b|c\n1|2,5|\"3|4\"\n",
        "",
    ]

    @Test(arguments: inputs, [UInt8(ascii: ","), UInt8(ascii: ";")])
    func copyMatchesReaderAndWriter(_ text: String, outDelimiter: UInt8) throws {
        for neutralize in [false, true] {
            for crlf in [false, true] {
                var write = CSVWriteOptions()
                write.delimiter = outDelimiter
                write.neutralizeFormulas = neutralize
                write.crlf = crlf
                try checkCopy(Array(text.utf8), write: write)
            }
        }
    }

    func checkCopy(_ bytes: [UInt8], read: CSVReadOptions = .init(), write: CSVWriteOptions,
                   sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let folder = try TestFolder()
        let input = try folder.write("in.csv", bytes)
        let expected = Result { try CSV.readWrite(input, to: folder.path("expected.csv"), read, write) }
        for chunkSize in [1, 5, 1 << 20] {
            let copied = Result {
                try CSVCopy.copy(inputPath: input, displayName: "in.csv", readOptions: read, outputPath: folder.path("copy.csv"),
                                 writeOptions: write, chunkSize: chunkSize)
            }
            switch (expected, copied) {
            case (.success(let a), .success(let b)):
                #expect(a == b, sourceLocation: sourceLocation)
                #expect(try folder.bytes("copy.csv") == folder.bytes("expected.csv"), "chunk \(chunkSize)", sourceLocation: sourceLocation)
            case (.failure(let a), .failure(let b)):
                #expect("\(a)" == "\(b)", sourceLocation: sourceLocation)
            default:
                Issue.record("copy and reader → writer disagree: \(expected) vs \(copied)", sourceLocation: sourceLocation)
            }
        }
    }

    /// Random CSV-ish bytes: the copy and the generic path agree, and nothing crashes.
    @Test(arguments: 0..<40)
    func randomInputs(seed: Int) throws {
        var generator = SplitMix(seed: UInt64(seed))
        let pieces: [[UInt8]] = [
            Array("a".utf8), Array("bc".utf8), [44], [59], [9], [34], [34, 34], [10], [13], [13, 10], [32], Array("é".utf8),
            Array("=".utf8), Array("-1".utf8), Array("7,2".utf8), [0xE9], [0xFF, 0xFE],
        ]
        var bytes: [UInt8] = []
        for _ in 0..<generator.next(300) { bytes += pieces[generator.next(pieces.count - (seed % 2 == 0 ? 2 : 0))] }
        var write = CSVWriteOptions()
        write.delimiter = [44, 59, 9][generator.next(3)]
        write.neutralizeFormulas = generator.next(2) == 0
        var read = CSVReadOptions()
        if generator.next(3) == 0 { read.delimiter = [44, 59][generator.next(2)] }
        try checkCopy(bytes, read: read, write: write)
    }

    /// Arbitrary bytes in every encoding: rows or a ``SheetError``, never a crash, and the copy agrees.
    @Test(arguments: [nil, TextEncoding.utf8, .utf16le, .utf16be, .windows1252])
    func randomBytes(encoding: TextEncoding?) throws {
        var generator = SplitMix(seed: 7)
        for round in 0..<30 {
            var bytes = (0..<generator.next(400)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            if round % 3 == 0 { bytes.removeAll { $0 == 0 } }
            if round % 5 == 0 { bytes = [0xFF, 0xFE] + bytes }
            var read = CSVReadOptions()
            read.encoding = encoding
            read.limits.maxColumns = 50
            try checkCopy(bytes, read: read, write: CSVWriteOptions())
        }
    }

    @Test func encodingsAreTranscoded() throws {
        let utf16 = CSVReaderTests.utf16(CSVReaderTests.unicodeText, bigEndian: false)
        try checkCopy(utf16, write: CSVWriteOptions())
        let folder = try TestFolder()
        let input = try folder.write("in.txt", utf16)
        _ = try CSVCopy.copy(inputPath: input, displayName: "in.txt", readOptions: CSVReadOptions(), outputPath: folder.path("out.csv"),
                             writeOptions: CSVWriteOptions())
        #expect(try folder.text("out.csv") == "Naam,Bedrag,Notitie\nCafé 🟢,\"7,2\",a\tb\n")
    }

    @Test func warningsAreReturned() throws {
        let folder = try TestFolder()
        let input = try folder.write("in.csv", [0x63, 0x61, 0x66, 0xE9, 0x0A])
        let warnings = try CSVCopy.copy(inputPath: input, displayName: "in.csv", readOptions: CSVReadOptions(),
                                        outputPath: folder.path("out.csv"), writeOptions: CSVWriteOptions())
        #expect(warnings.count == 1)
        #expect(try folder.text("out.csv") == "café\n")
    }

    @Test func canonicalInputIsCopiedAsIs() throws {
        let folder = try TestFolder()
        let text = "Datum,Omschrijving,Bedrag\n30-06-2026,\"Huur, juni\",-4291.31\n01-07-2026,\"say \"\"hi\"\"\",7\n"
        let input = try folder.write("in.csv", text)
        _ = try CSVCopy.copy(inputPath: input, displayName: "in.csv", readOptions: CSVReadOptions(), outputPath: folder.path("out.csv"),
                             writeOptions: CSVWriteOptions())
        #expect(try folder.text("out.csv") == text)
    }

    @Test func typedReadingFallsBackToTheGenericPath() throws {
        let folder = try TestFolder()
        let input = try folder.write("in.csv", "a;b\n1.200;7,5\n")
        var read = CSVReadOptions()
        read.typing = .inferred(locale: NumberLocale(identifier: "nl-BE"))
        _ = try CSVCopy.copy(inputPath: input, displayName: "in.csv", readOptions: read, outputPath: folder.path("out.csv"),
                             writeOptions: CSVWriteOptions())
        #expect(try folder.text("out.csv") == "a,b\n1200,7.5\n")
    }

    @Test func rowLimit() throws {
        let folder = try TestFolder()
        let input = try folder.write("in.csv", "1\n2\n3\n")
        var read = CSVReadOptions()
        read.limits.maxRows = 2
        let error = CSV.sheetError {
            _ = try CSVCopy.copy(inputPath: input, displayName: "in.csv", readOptions: read, outputPath: folder.path("out.csv"),
                                 writeOptions: CSVWriteOptions())
        }
        #expect(error?.location.description == "in.csv:3:1")
        #expect(try folder.names() == ["in.csv"])
    }
}
