import Foundation
import SheetKit
import Testing
@testable import CSVAdapter

@Suite("CSV writer")
struct CSVWriterTests {
    static let june30 = CivilDate(year: 2026, month: 6, day: 30)

    @Test func canonicalValues() throws {
        let folder = try TestFolder()
        let row = Row(index: 0, cells: [
            Cell(column: 0, value: .number(1200)), Cell(column: 1, value: .number(0.25)), Cell(column: 2, value: .number(7.2)),
            Cell(column: 3, value: .date(CSVWriterTests.june30)),
            Cell(column: 4, value: .dateTime(CivilDateTime(date: CSVWriterTests.june30, secondsOfDay: 50_400))),
            Cell(column: 5, value: .time(50_400)), Cell(column: 6, value: .duration(123_010)), Cell(column: 7, value: .bool(true)),
            Cell(column: 8, value: .error("#N/A")), Cell(column: 9, value: .number(3), formula: "1+2"),
        ])
        try CSV.write([row], to: folder.path("out.csv"))
        #expect(try folder.text("out.csv") == "1200,0.25,7.2,2026-06-30,2026-06-30T14:00:00,14:00:00,34:10:10,TRUE,#N/A,3\n")
    }

    /// (name, rows as texts by index, expected output).
    static let shapeCases: [(String, [(Int, [String])], String)] = [
        ("minimal quoting", [(0, ["a,b", "say \"hi\"", "line\nbreak", "cr\rhere", " spaced ", "semi;colon", "'quote"])],
         "\"a,b\",\"say \"\"hi\"\"\",\"line\nbreak\",\"cr\rhere\", spaced ,semi;colon,'quote\n"),
        ("rows padded to the width", [(0, ["a", "b", "c"]), (1, ["1"]), (2, ["", "2"])], "a,b,c\n1,,\n,2,\n"),
        ("a wider row later is fixed up", [(0, ["title"]), (1, ["a", "b", "c"]), (2, ["1", "2"])], "title,,\na,b,c\n1,2,\n"),
        ("widening twice", [(0, ["a"]), (1, ["a", "b"]), (2, ["", "", "", "d"])], "a,,,\na,b,,\n,,,d\n"),
        ("leading empty rows and columns kept", [(2, ["", "", "x"])], ",,\n,,\n,,x\n"),
        ("empty rows between kept", [(0, ["a", "b"]), (3, ["c"])], "a,b\n,\n,\nc,\n"),
        ("trailing empty rows dropped", [(0, ["a"]), (1, []), (2, ["", ""])], "a\n"),
        ("held empty rows take the new width", [(0, ["a"]), (1, []), (2, ["a", "b"])], "a,\n,\na,b\n"),
        ("nothing", [], ""),
        ("only empty rows", [(0, []), (5, [])], ""),
        ("unicode", [(0, ["€", "日本", "🟢"])], "€,日本,🟢\n"),
    ]

    @Test(arguments: shapeCases)
    func shapes(_ name: String, _ rows: [(Int, [String])], _ expected: String) throws {
        let folder = try TestFolder()
        try CSV.write(rows.map { CSV.textRow($0.0, $0.1) }, to: folder.path("out.csv"))
        #expect(try folder.text("out.csv") == expected, "\(name)")
        #expect(try folder.names() == ["out.csv"], "no temporary file left")
    }

    @Test func options() throws {
        let folder = try TestFolder()
        var options = CSVWriteOptions()
        options.delimiter = UInt8(ascii: ";")
        options.bom = true
        options.crlf = true
        try CSV.write([CSV.textRow(0, ["a;b", "7,2"]), CSV.textRow(1, ["x"])], to: folder.path("out.csv"), options)
        #expect(try folder.bytes("out.csv") == [0xEF, 0xBB, 0xBF] + Array("\"a;b\";7,2\r\nx;\r\n".utf8))
    }

    @Test func bomAndCRLFSurviveAFixUp() throws {
        let folder = try TestFolder()
        var options = CSVWriteOptions()
        options.delimiter = 9
        options.bom = true
        options.crlf = true
        try CSV.write([CSV.textRow(0, ["t"]), CSV.textRow(1, ["a\r\nb", "c"])], to: folder.path("out.tsv"), options)
        #expect(try folder.bytes("out.tsv") == [0xEF, 0xBB, 0xBF] + Array("t\t\r\n\"a\r\nb\"\tc\r\n".utf8))
    }

    /// (text, expected output field).
    static let neutralizing: [(String, String)] = [
        ("=SUM(A1:A2)", "'=SUM(A1:A2)"), ("+cmd", "'+cmd"), ("-2+3", "'-2+3"), ("@SUM(1)", "'@SUM(1)"),
        ("\tx", "'\tx"), ("\rx", "\"'\rx\""), ("=1,2", "\"'=1,2\""), ("+32 2 555 1234", "'+32 2 555 1234"),
        ("-4291.31", "-4291.31"), ("-4.291,31", "\"-4.291,31\""), ("+12", "+12"), ("-1,200.50", "\"-1,200.50\""),
        ("-25%", "-25%"), ("plain", "plain"), ("a=b", "a=b"), ("", ""),
    ]

    @Test(arguments: neutralizing)
    func neutralizeFormulas(_ text: String, _ expected: String) throws {
        let folder = try TestFolder()
        var options = CSVWriteOptions()
        options.neutralizeFormulas = true
        try CSV.write([CSV.textRow(0, [text, "x"])], to: folder.path("out.csv"), options)
        #expect(try folder.text("out.csv") == expected + ",x\n")
        // CSVCopy neutralises alike.
        let input = try folder.write("in.csv", "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\",x\n")
        _ = try CSVCopy.copy(inputPath: input, displayName: "in.csv", readOptions: CSVReadOptions(), outputPath: folder.path("copy.csv"),
                             writeOptions: options)
        #expect(try folder.text("copy.csv") == expected + ",x\n")
    }

    @Test func onlyTextIsNeutralized() throws {
        let folder = try TestFolder()
        var options = CSVWriteOptions()
        options.neutralizeFormulas = true
        try CSV.write([Row(index: 0, cells: [Cell(column: 0, value: .number(-5)), Cell(column: 1, value: .error("#N/A"))])],
                      to: folder.path("out.csv"), options)
        #expect(try folder.text("out.csv") == "-5,#N/A\n")
    }

    @Test func oneSheetOnly() throws {
        let folder = try TestFolder()
        let writer = try CSVWriter(path: folder.path("out.csv"))
        try writer.beginSheet(SheetInfo(name: "A"))
        guard case .invalidRequest? = CSV.sheetError({ try writer.beginSheet(SheetInfo(name: "B")) }) else {
            Issue.record("expected invalidRequest")
            return
        }
    }

    @Test func unfinishedLeavesNothing() throws {
        let folder = try TestFolder()
        try folder.write("out.csv", "old\n")
        do {
            let writer = try CSVWriter(path: folder.path("out.csv"))
            try writer.beginSheet(SheetInfo(name: "A"))
            try writer.write(CSV.textRow(0, ["new"]))
        }
        #expect(try folder.names() == ["out.csv"])
        #expect(try folder.text("out.csv") == "old\n")
    }

    @Test func unwritableFolderIsAnIOError() {
        guard case .io? = CSV.sheetError({ _ = try CSVWriter(path: "/nonexistent-okrsheet/out.csv") }) else {
            Issue.record("expected io")
            return
        }
    }

    @Test func badDelimiterIsRefused() throws {
        let folder = try TestFolder()
        var options = CSVWriteOptions()
        options.delimiter = 10
        guard case .invalidRequest? = CSV.sheetError({ _ = try CSVWriter(path: folder.path("out.csv"), options: options) }) else {
            Issue.record("expected invalidRequest")
            return
        }
        #expect(try folder.names().isEmpty)
    }

    /// A CSV input's cells stay exactly as they were in CSV output.
    @Test(arguments: [UInt8(ascii: ","), UInt8(ascii: ";"), 9])
    func roundTrip(delimiter: UInt8) throws {
        let nasty = [
            "plain", "with,comma", "with;semicolon", "with\ttab", "say \"hi\"", "\"", "\"\"", "line\nbreak", "crlf\r\nbreak", "cr\ronly",
            "=SUM(A1)", "+1", "-x", "@y", " leading", "trailing ", "  ", "€ 1.200,50", "日本語", "🟢 done", "a\u{00A0}b", "'quoted'",
            "sep=;", "\u{FEFF}bom inside", "0012", "1.200", "x\"", "\"x",
        ]
        var rows: [Row] = []
        for (i, text) in nasty.enumerated() {
            rows.append(CSV.textRow(i, [text, "", "next", i % 3 == 0 ? "" : text]))
        }
        rows.append(CSV.textRow(nasty.count, ["", "", "", "last"]))
        let folder = try TestFolder()
        var options = CSVWriteOptions()
        options.delimiter = delimiter
        try CSV.write(rows, to: folder.path("out.csv"), options)
        var read = CSVReadOptions()
        read.delimiter = delimiter
        let back = try CSV.rows(folder.path("out.csv"), read)
        #expect(back.count == rows.count)
        for (row, texts) in zip(rows, back) {
            var expected = Array(repeating: "", count: 4)
            for cell in row.cells { expected[cell.column] = cell.value.canonicalText }
            while expected.last == "" { expected.removeLast() }
            #expect(texts == expected)
        }
        // Written again, the output is byte for byte the same.
        _ = try CSV.readWrite(folder.path("out.csv"), to: folder.path("again.csv"), read, options)
        #expect(try folder.bytes("again.csv") == folder.bytes("out.csv"))
    }
}
