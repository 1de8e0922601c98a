import Foundation
import SheetKit
import Testing
@testable import CSVAdapter

/// One input and the rows it must give.
struct ReadCase: Sendable, CustomTestStringConvertible {
    var name: String
    var bytes: [UInt8]
    var rows: [[String]]
    var delimiter: UInt8?

    init(_ name: String, _ text: String, _ rows: [[String]], delimiter: Character? = nil) {
        self.init(name, Array(text.utf8), rows, delimiter: delimiter)
    }

    init(_ name: String, _ bytes: [UInt8], _ rows: [[String]], delimiter: Character? = nil) {
        self.name = name
        self.bytes = bytes
        self.rows = rows
        self.delimiter = delimiter.flatMap(\.asciiValue)
    }

    var testDescription: String { name }
}

@Suite("CSV reader")
struct CSVReaderTests {
    static let structureCases: [ReadCase] = [
        ReadCase("plain LF", "a,b,c\n1,2,3\n", [["a", "b", "c"], ["1", "2", "3"]]),
        ReadCase("no final line end", "a,b\n1,2", [["a", "b"], ["1", "2"]]),
        ReadCase("CRLF", "a,b\r\n1,2\r\n", [["a", "b"], ["1", "2"]]),
        ReadCase("bare CR", "a,b\r1,2\r", [["a", "b"], ["1", "2"]]),
        ReadCase("mixed line ends", "a\r\nb\nc\rd", [["a"], ["b"], ["c"], ["d"]]),
        ReadCase("quotes", "\"a\",\"b c\"\n", [["a", "b c"]]),
        ReadCase("doubled quotes", "\"he said \"\"hi\"\"\",x\n", [["he said \"hi\"", "x"]]),
        ReadCase("only a quote", "\"\"\"\"\n", [["\""]]),
        ReadCase("delimiter in quotes", "\"a,b\",c\n", [["a,b", "c"]]),
        ReadCase("LF in quotes", "\"line 1\nline 2\",x\ny,z\n", [["line 1\nline 2", "x"], ["y", "z"]]),
        ReadCase("CRLF in quotes kept", "\"a\r\nb\",c\r\n", [["a\r\nb", "c"]]),
        ReadCase("CR in quotes kept", "\"a\rb\"\r", [["a\rb"]]),
        ReadCase("ragged rows", "a,b,c\n1\n1,2,3,4\n", [["a", "b", "c"], ["1"], ["1", "2", "3", "4"]]),
        ReadCase("empty lines are empty rows", "a,b\n\n\n1,2\n", [["a", "b"], [], [], ["1", "2"]]),
        ReadCase("trailing empty line", "a,b\n1,2\n\n", [["a", "b"], ["1", "2"], []]),
        ReadCase("empty fields are no cells", "a,,c\n,,\n,b,\n", [["a", "", "c"], [], ["", "b"]]),
        ReadCase("trailing delimiter at end of file", "a,b,", [["a", "b"]]),
        ReadCase("empty quoted field is no cell", "\"\",x\n", [["", "x"]]),
        ReadCase("quote inside an unquoted field is literal", "ab\"c,d\"\n", [["ab\"c", "d\""]]),
        ReadCase("text after a closing quote is kept", "\"ab\"cd,e\n", [["abcd", "e"]]),
        ReadCase("quote after a closing quote", "\"a\"b\"c,d\n", [["ab\"c", "d"]]),
        ReadCase("space before a quote is literal", "a, \"b\"\n", [["a", " \"b\""]]),
        ReadCase("spaces kept", " a , b \n", [[" a ", " b "]]),
        ReadCase("quoted field at end of file", "a,\"b\"", [["a", "b"]]),
        ReadCase("UTF-8 BOM stripped", [0xEF, 0xBB, 0xBF] + Array("naam,waarde\nx,1\n".utf8), [["naam", "waarde"], ["x", "1"]]),
        ReadCase("unicode", "€,café,日本,🟢\n", [["€", "café", "日本", "🟢"]]),
        ReadCase("empty file", "", []),
        ReadCase("only a line end", "\n", [[]]),
        ReadCase("formula text stays text", "=SUM(A1:A2),+1,-x,@y\n", [["=SUM(A1:A2)", "+1", "-x", "@y"]]),
    ]

    @Test(arguments: structureCases)
    func structure(_ c: ReadCase) throws {
        let folder = try TestFolder()
        let path = try folder.write("in.csv", c.bytes)
        var options = CSVReadOptions()
        options.delimiter = c.delimiter
        #expect(try CSV.rows(path, options) == c.rows)
    }

    /// Buffers cut every record in every place: the rows do not change.
    @Test(arguments: structureCases, [1, 2, 3, 7])
    func tinyChunks(_ c: ReadCase, chunkSize: Int) throws {
        let folder = try TestFolder()
        let path = try folder.write("in.csv", c.bytes)
        var options = CSVReadOptions()
        options.delimiter = c.delimiter
        #expect(try CSV.rows(path, options, chunkSize: chunkSize) == c.rows)
    }

    static let sniffingCases: [ReadCase] = [
        ReadCase("semicolon with decimal commas", "Datum;Bedrag;BTW\n30-06-2026;7,2;1,51\n01-07-2026;10;2,1\n",
                 [["Datum", "Bedrag", "BTW"], ["30-06-2026", "7,2", "1,51"], ["01-07-2026", "10", "2,1"]]),
        ReadCase("comma", "a,b;c\nd,e\n", [["a", "b;c"], ["d", "e"]]),
        ReadCase("tab", "a\tb,c\td\n1\t2\t3\n", [["a", "b,c", "d"], ["1", "2", "3"]]),
        ReadCase("pipe", "a|b|c\n1|2,5|3\n", [["a", "b", "c"], ["1", "2,5", "3"]]),
        ReadCase("delimiters in quotes ignored", "\"a,b\";c\n\"d,e,f\";g\n", [["a,b", "c"], ["d,e,f", "g"]]),
        ReadCase("single column", "name\nx\ny\n", [["name"], ["x"], ["y"]]),
        ReadCase("Excel sep line", "sep=;\na;b\n1;2\n", [["a", "b"], ["1", "2"]]),
        ReadCase("Excel sep line with CRLF", "sep=|\r\na|b,c\r\n", [["a", "b,c"]]),
        ReadCase("override", "a;b,c\n", [["a;b", "c"]], delimiter: ","),
        ReadCase("override keeps sep line out", "sep=;\na,b;c\n", [["a", "b;c"]], delimiter: ","),
    ]

    @Test(arguments: sniffingCases)
    func sniffing(_ c: ReadCase) throws {
        let folder = try TestFolder()
        let path = try folder.write("in.csv", c.bytes)
        var options = CSVReadOptions()
        options.delimiter = c.delimiter
        #expect(try CSV.rows(path, options) == c.rows)
    }

    @Test func dialect() throws {
        let folder = try TestFolder()
        let path = try folder.write("grootboek.csv", [0xEF, 0xBB, 0xBF] + Array("sep=;\r\na;b\r\n".utf8))
        let reader = try CSVReader(path: path, displayName: "exports/grootboek.csv")
        #expect(reader.dialect.delimiter == UInt8(ascii: ";"))
        #expect(reader.dialect.encoding == .utf8)
        #expect(reader.dialect.hasBOM)
        #expect(reader.dialect.hasSepLine)
        #expect(reader.dialect.lineEnding == .crlf)
        #expect(reader.sheets == [SheetInfo(name: "grootboek")])
        #expect(reader.format == .csv)
        #expect(reader.warnings.isEmpty)
    }

    @Test(arguments: [("a\rb", CSVDialect.LineEnding.cr), ("a\nb", .lf), ("a\r\nb", .crlf), ("a", .lf)])
    func lineEnding(_ text: String, _ expected: CSVDialect.LineEnding) throws {
        let folder = try TestFolder()
        #expect(try CSVReader(path: try folder.write("x.csv", text), displayName: "x.csv").dialect.lineEnding == expected)
    }

    @Test(arguments: [("data/ledger.csv", "ledger"), ("<stdin>", "stdin"), ("a.b.csv", "a.b"), (".csv", ".csv"), ("noext", "noext")])
    func sheetName(_ displayName: String, _ expected: String) {
        #expect(CSVReader.sheetName(displayName) == expected)
    }

    // MARK: Encodings

    static func utf16(_ text: String, bigEndian: Bool, bom: Bool = true) -> [UInt8] {
        var bytes: [UInt8] = bom ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
        for unit in text.utf16 {
            let hi = UInt8(unit >> 8), lo = UInt8(unit & 0xFF)
            bytes += bigEndian ? [hi, lo] : [lo, hi]
        }
        return bytes
    }

    static let unicodeText = "Naam\tBedrag\tNotitie\r\nCafé 🟢\t7,2\t\"a\tb\"\r\n"
    static let unicodeRows = [["Naam", "Bedrag", "Notitie"], ["Café 🟢", "7,2", "a\tb"]]

    @Test(arguments: [false, true], [1, 1 << 20])
    func utf16WithBOM(bigEndian: Bool, chunkSize: Int) throws {
        let folder = try TestFolder()
        let path = try folder.write("unicode.txt", CSVReaderTests.utf16(CSVReaderTests.unicodeText, bigEndian: bigEndian))
        let reader = try CSVReader(path: path, displayName: "unicode.txt")
        #expect(reader.dialect.encoding == (bigEndian ? .utf16be : .utf16le))
        #expect(reader.dialect.hasBOM)
        #expect(reader.dialect.delimiter == 9)
        #expect(try CSV.rows(path, chunkSize: chunkSize) == CSVReaderTests.unicodeRows)
    }

    @Test func utf16WithoutBOMIsRecognised() throws {
        let folder = try TestFolder()
        let path = try folder.write("unicode.txt", CSVReaderTests.utf16(CSVReaderTests.unicodeText, bigEndian: false, bom: false))
        #expect(try CSVReader(path: path, displayName: "unicode.txt").dialect.encoding == .utf16le)
        #expect(try CSV.rows(path) == CSVReaderTests.unicodeRows)
    }

    @Test func windows1252WhenNotUTF8() throws {
        let folder = try TestFolder()
        // "Omschrijving;Bedrag\nCafé;€ 5\n" … "Ëlise" far down, in Windows-1252.
        var bytes = Array("Omschrijving;Bedrag\n".utf8)
        for i in 0..<2000 { bytes += Array("r\(i);\(i)\n".utf8) }
        bytes += [0x43, 0x61, 0x66, 0xE9, 0x3B, 0x80, 0x20, 0x35, 0x0A, 0xCB, 0x6C, 0x69, 0x73, 0x65, 0x3B, 0x93, 0x71, 0x94, 0x0A]
        let path = try folder.write("export.csv", bytes)
        let reader = try CSVReader(path: path, displayName: "export.csv")
        #expect(reader.dialect.encoding == .windows1252)
        #expect(reader.warnings.count == 1)
        #expect(reader.warnings.first?.severity == .warning)
        #expect(reader.warnings.first?.location == .text("export.csv", line: 2002, column: 4))
        #expect(reader.warnings.first?.message.contains("Windows-1252") == true)
        let rows = try CSV.rows(path)
        #expect(rows.count == 2003)
        #expect(rows[2001] == ["Café", "€ 5"])
        #expect(rows[2002] == ["Ëlise", "\u{201C}q\u{201D}"])
    }

    @Test func forcedEncodingWins() throws {
        let folder = try TestFolder()
        let path = try folder.write("x.csv", "café,b\n")
        var options = CSVReadOptions()
        options.encoding = .windows1252
        #expect(try CSV.rows(path, options) == [["cafÃ©", "b"]])
        let reader = try CSVReader(path: path, displayName: "x.csv", options: options)
        #expect(reader.warnings.isEmpty)
    }

    @Test(arguments: [
        ("utf8", TextEncoding.utf8), ("UTF-8", .utf8), ("utf-8-sig", .utf8), ("utf-16", .utf16le), ("UTF-16BE", .utf16be),
        ("utf_16le", .utf16le), ("unicode", .utf16le), ("cp1252", .windows1252), ("Windows-1252", .windows1252),
        ("latin1", .windows1252), ("ISO-8859-1", .windows1252),
    ])
    func encodingNames(_ name: String, _ expected: TextEncoding) {
        #expect(TextEncoding(name: name) == expected)
    }

    @Test func unknownEncodingName() {
        #expect(TextEncoding(name: "ebcdic") == nil)
    }

    // MARK: Fixtures saved the way Excel saves them

    @Test func excelDutchCSVUTF8() throws {
        let path = TestFolder.fixture("excel-nl-csv-utf8-bom-crlf.csv")
        let reader = try CSVReader(path: path, displayName: "excel.csv")
        #expect(reader.dialect.delimiter == UInt8(ascii: ";") && reader.dialect.hasBOM && reader.dialect.lineEnding == .crlf)
        #expect(try CSV.rows(path) == [
            ["Doelstelling", "Kernresultaat", "Start", "Doel", "Huidige waarde", "Deadline"],
            ["Verhoog verkoop", "Conversieratio 25%", "18%", "25%", "21%", "30-06-2026"],
            ["", "Omzet \"nieuwe\" klanten; Q2", "1.200", "2.500,50", "1.800", "30-06-2026"],
            ["Tevreden klanten", "NPS\nboven 40", "32", "40", "", "30-09-2026"],
        ])
    }

    @Test func excelUnicodeText() throws {
        let path = TestFolder.fixture("excel-unicode-text-utf16le.txt")
        let reader = try CSVReader(path: path, displayName: "unicode.txt")
        #expect(reader.dialect.encoding == .utf16le && reader.dialect.delimiter == 9)
        #expect(try CSV.rows(path) == [["Objectif", "Résultat clé", "Cible"], ["Réduire les coûts", "Coût € par client", "1 200,50"]])
    }

    @Test func excelSepLine() throws {
        let path = TestFolder.fixture("excel-sep-line.csv")
        #expect(try CSV.rows(path) == [["Rekening", "Bedrag"], ["8000", "1.234,56"], ["8010", "-7,5"]])
    }

    @Test func windows1252Export() throws {
        let path = TestFolder.fixture("windows-1252-ledger.csv")
        let reader = try CSVReader(path: path, displayName: "ledger.csv")
        #expect(reader.dialect.encoding == .windows1252)
        #expect(try CSV.rows(path) == [["Datum", "Omschrijving", "Bedrag"], ["30-06-2026", "Café Één – €", "12,50"]])
    }
}

/// Random records: fields of every length from 1 to 30 bytes, UTF-8 letters, literal quotes inside
/// unquoted fields, LF and CRLF, three delimiters; and a NUL at every place of a long field.
@Suite("CSV scanner on random records")
struct CSVRandomRecordTests {
    @Test(arguments: [UInt8(ascii: ","), UInt8(ascii: ";"), 9])
    func randomFieldsComeBackWhateverTheirLengths(delimiter: UInt8) throws {
        var generator = SystemRandomNumberGenerator()
        let plain: [String] = ["a", "b", "c", "X", "Y", "Z", " ", ".", "-", "_", "'", "€", "é"].filter { $0.utf8.first != delimiter }
        var rows: [[String]] = []
        var bytes: [UInt8] = []
        for _ in 0..<400 {
            var row: [String] = []
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                var field = (0..<Int.random(in: 1...30, using: &generator)).map { _ in plain.randomElement(using: &generator)! }
                if Bool.random(using: &generator) { field.insert("\"", at: Int.random(in: 1...field.count, using: &generator)) }
                row.append(field.joined())
            }
            bytes += Array(row.joined(separator: String(UnicodeScalar(delimiter))).utf8) + (Bool.random(using: &generator) ? [13, 10] : [10])
            rows.append(row)
        }
        let folder = try TestFolder()
        let path = try folder.write("in.csv", bytes)
        var options = CSVReadOptions()
        options.delimiter = delimiter
        let read = try CSV.rows(path, options)
        let same = read == rows  // (not in #expect: a failure would print both grids)
        #expect(same)
    }

    @Test(arguments: 0..<16)
    func aNULAnywhereInALongFieldIsFound(offset: Int) throws {
        var field = Array(repeating: UInt8(ascii: "x"), count: 24)
        field[offset] = 0
        let folder = try TestFolder()
        let path = try folder.write("in.csv", Array("a,b\n1,".utf8) + field + [10])
        #expect(throws: SheetError.self) { _ = try CSV.rows(path, CSVReadOptions()) }
    }
}

/// Windows-1252 is read straight into the scanner's buffer while it is ASCII, and transcoded from the
/// first other byte of each chunk on: every chunk size and mix gives the text Foundation decodes.
@Suite("Windows-1252 in chunks")
struct Windows1252ChunkTests {
    @Test(arguments: [7, 64, 1 << 16])
    func randomTextComesBackWhateverTheChunkSize(chunkSize: Int) throws {
        var generator = SystemRandomNumberGenerator()
        let letters: [String] = ["a", "b", "Z", " ", ".", "é", "è", "ë", "Ç", "ß", "€", "‘", "’", "“", "”", "–", "ÿ", "£", "°"]
        var rows: [[String]] = []
        for _ in 0..<300 {
            rows.append((0..<Int.random(in: 1...5, using: &generator)).map { _ in
                (0..<Int.random(in: 1...20, using: &generator)).map { _ in letters.randomElement(using: &generator)! }.joined()
            })
        }
        let text = rows.map { $0.joined(separator: ";") }.joined(separator: "\n") + "\n"
        let bytes = try #require(text.data(using: .windowsCP1252))
        let folder = try TestFolder()
        let path = try folder.write("in.csv", Array(bytes))
        var options = CSVReadOptions()
        options.encoding = .windows1252
        options.delimiter = UInt8(ascii: ";")
        let read = try CSV.rows(path, options, chunkSize: chunkSize)
        let same = read == rows  // (not in #expect: a failure would print both grids)
        #expect(same)
    }
}

/// The scanner against a parser written from the rules alone, on random files that mix plain records
/// (read from the block masks) with every kind the general scan takes over: quoted fields with `""`,
/// delimiters and line breaks, text after a closing quote, a quote inside a plain field, CR, CRLF,
/// blank lines, records longer than a block, and buffers that cut them anywhere.
@Suite("CSV scanner against a reference parser")
struct CSVReferenceTests {
    /// Records as the rules read them: (fields, the 1-based line each record starts on).
    static func reference(_ b: [UInt8], delimiter: UInt8) -> [(fields: [[UInt8]], line: Int)] {
        var records: [(fields: [[UInt8]], line: Int)] = []
        var fields: [[UInt8]] = []
        var line = 1, recordLine = 1
        var i = 0
        let quote = UInt8(ascii: "\""), cr: UInt8 = 13, lf: UInt8 = 10
        func isEnd(_ x: UInt8) -> Bool { x == delimiter || x == cr || x == lf }
        guard !b.isEmpty else { return [] }
        while true {
            var content: [UInt8] = []
            if i < b.count, b[i] == quote {
                i += 1
                while true {
                    if b[i] == quote {
                        if i + 1 < b.count, b[i + 1] == quote { content.append(quote); i += 2; continue }
                        i += 1
                        break
                    }
                    if b[i] == lf || (b[i] == cr && !(i + 1 < b.count && b[i + 1] == lf)) { line += 1 }
                    content.append(b[i])
                    i += 1
                }
            }
            while i < b.count, !isEnd(b[i]) { content.append(b[i]); i += 1 }
            fields.append(content)
            if i >= b.count { records.append((fields, recordLine)); break }
            if b[i] == delimiter { i += 1; continue }
            if b[i] == cr, i + 1 < b.count, b[i + 1] == lf { i += 1 }
            i += 1
            line += 1
            records.append((fields, recordLine))
            fields = []
            recordLine = line
            if i >= b.count { break }
        }
        return records
    }

    static func randomFile(delimiter: UInt8, using generator: inout some RandomNumberGenerator) -> [UInt8] {
        let letters = "abcXYZ09 .-_'é€".map { Array(String($0).utf8) }.filter { $0 != [delimiter] }
        func plain(_ n: Int) -> [UInt8] { (0..<n).flatMap { _ in letters.randomElement(using: &generator)! } }
        var bytes: [UInt8] = []
        for r in 0..<Int.random(in: 200...700, using: &generator) {
            if Int.random(in: 0..<25, using: &generator) == 0 { bytes += [10]; continue }  // a blank line
            for f in 0..<Int.random(in: 1...12, using: &generator) {
                if f > 0 { bytes.append(delimiter) }
                switch Int.random(in: 0..<20, using: &generator) {
                case 0: break  // empty
                case 1:  // quoted, with escapes, delimiters and line breaks
                    var inner = (0..<Int.random(in: 0...10, using: &generator)).map { _ in letters.randomElement(using: &generator)! }
                    for special: [UInt8] in [[34, 34], [delimiter], [10], [13, 10], [13]] where Bool.random(using: &generator) {
                        inner.insert(special, at: Int.random(in: 0...inner.count, using: &generator))
                    }
                    bytes += [34] + inner.joined() + [34]
                    if Int.random(in: 0..<4, using: &generator) == 0 { bytes += plain(3) }  // text after the closing quote
                case 2:  // a quote inside a plain field
                    bytes += plain(2) + [34] + plain(3)
                case 3: bytes += plain(Int.random(in: 60...140, using: &generator))  // longer than a block
                default: bytes += plain(Int.random(in: 1...12, using: &generator))
                }
            }
            let last = r == 699
            switch Int.random(in: 0..<10, using: &generator) {
            case 0: bytes += [13, 10]
            case 1: bytes += [13]
            default: if !last || Bool.random(using: &generator) { bytes += [10] }
            }
        }
        return bytes
    }

    @Test(arguments: [64, 100, 4096, 1 << 20])
    func recordsAndLinesAreTheReferences(chunkSize: Int) throws {
        var generator = SystemRandomNumberGenerator()
        for delimiter in [UInt8(ascii: ","), UInt8(ascii: ";"), 9] {
            for _ in 0..<3 {
                let bytes = Self.randomFile(delimiter: delimiter, using: &generator)
                let folder = try TestFolder()
                let path = try folder.write("in.csv", bytes)
                var options = CSVReadOptions()
                options.delimiter = delimiter
                options.encoding = .utf8
                let reader = try CSVReader(path: path, displayName: "in.csv", options: options)
                reader.chunkSize = chunkSize
                let stream = try CSVRecordStream(reader: reader)
                var read: [(fields: [[UInt8]], line: Int)] = []
                while try stream.next() {
                    read.append(((0..<stream.fieldCount).map { Array(stream.field($0)) }, stream.line))
                }
                let expected = Self.reference(bytes, delimiter: delimiter)
                let sameFields = read.map(\.fields) == expected.map(\.fields)
                let sameLines = read.map(\.line) == expected.map(\.line)
                #expect(sameFields && sameLines, "delimiter \(delimiter), chunk \(chunkSize), \(read.count) vs \(expected.count) records")
                if !(sameFields && sameLines) { try? Data(bytes).write(to: URL(fileURLWithPath: "/tmp/okrsheet-csv-reference-failure.csv")); return }
            }
        }
    }
}
