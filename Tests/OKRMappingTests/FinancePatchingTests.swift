@testable import CSVAdapter
import Foundation
@testable import OKRMapping
import SheetKit
import Testing

extension FinanceTests {
    /// The CSV patcher: only the fields set change; everything else is the template's bytes.
    @Suite("Patching a CSV template")
    struct Patching {
        func patch(_ bytes: [UInt8], _ edits: [(Int, Int, String)], encoding: TextEncoding? = nil) throws -> [UInt8] {
            let dir = try financeFolder()
            defer { try? FileManager.default.removeItem(at: dir) }
            let path = try financeWrite(bytes, "t.csv", in: dir)
            var options = CSVReadOptions()
            options.encoding = encoding
            let patcher = try CSVPatcher(path: path, displayName: "t.csv", options: options)
            for (row, column, text) in edits { try patcher.setCell(sheet: 0, row: row, column: column, to: .text(text)) }
            let out = dir.appendingPathComponent("out.csv").path
            try patcher.commit(to: out)
            return [UInt8](try Data(contentsOf: URL(fileURLWithPath: out)))
        }

        @Test func bomCRLFAndQuotingOfOtherFieldsAreKept() throws {
            let template = Array("\u{FEFF}Titel\r\n\r\nA;B;\"C\";D\r\n\"x;y\";1,5;\"2\";\"z\"\"q\"\r\nlast;row\r\n".utf8)
            let out = try patch(template, [(3, 1, "7,25"), (3, 2, "3"), (4, 3, "new; field")])
            #expect(String(decoding: out, as: UTF8.self) == "\u{FEFF}Titel\r\n\r\nA;B;\"C\";D\r\n\"x;y\";7,25;\"3\";\"z\"\"q\"\r\nlast;row;;\"new; field\"\r\n")
        }

        @Test func noEditsGiveTheSameBytes() throws {
            let template = Array("sep=;\na;b\n\"multi\nline\";c\r\nlast".utf8)
            #expect(try patch(template, []) == template)
            #expect(String(decoding: try patch(template, [(2, 1, "d")]), as: UTF8.self) == "sep=;\na;b\n\"multi\nline\";c\r\nlast;d")
        }

        @Test func windows1252StaysWindows1252() throws {
            let template = windows1252("Sleutelresultaat;Huidige waarde;Status\nOmzet café;10;Lopend\n")
            let out = try patch(template, [(1, 1, "12,5"), (1, 2, "Op schema é€")], encoding: .windows1252)
            #expect(out == windows1252("Sleutelresultaat;Huidige waarde;Status\nOmzet café;12,5;Op schema é€\n"))
            let message = financeError { _ = try patch(template, [(1, 2, "🔵 Op schema")], encoding: .windows1252) }
            #expect(message?.contains("does not exist in Windows-1252, the template's encoding") == true, "\(message ?? "")")
        }

        @Test func utf16LittleEndianWithItsMark() throws {
            func utf16(_ s: String) -> [UInt8] { [0xFF, 0xFE] + s.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } }
            let out = try patch(utf16("a\tb\r\n1\t2\r\n"), [(1, 1, "3")])
            #expect(out == utf16("a\tb\r\n1\t3\r\n"))
        }

        @Test func aRecordThatIsNotThereIsAnError() throws {
            let message = financeError { _ = try patch(Array("a\nb\n".utf8), [(5, 0, "x")]) }
            #expect(message?.contains("the file has no record 6 to update") == true)
        }

        @Test func theRawScannerAgreesWithTheReader() throws {
            // Random CSV: quotes, delimiters and line ends everywhere; the scanner must split like CSVReader.
            var rng = FinanceLCG(state: 99)
            let pieces = ["a", "", "\"q;\"", "\"x\"\"y\"", "\"l1\nl2\"", "1,5", " s "]
            for _ in 0..<50 {
                var text = ""
                for r in 0..<(1 + rng.next(6)) {
                    if r > 0 { text += ["\n", "\r\n", "\r"][rng.next(3)] }
                    text += (0..<(1 + rng.next(4))).map { _ in pieces[rng.next(pieces.count)] }.joined(separator: ";")
                }
                let dir = try financeFolder()
                defer { try? FileManager.default.removeItem(at: dir) }
                let path = try financeWrite(Array(text.utf8), "r.csv", in: dir)
                var options = CSVReadOptions()
                options.delimiter = UInt8(ascii: ";")
                let reader = try CSVReader(path: path, displayName: "r.csv", options: options)
                var expected: [[String]] = []
                _ = try reader.readSheet(at: 0) { row in
                    while expected.count < row.index { expected.append([]) }
                    expected.append(row.cells.map { "\($0.column)=\($0.value.canonicalText)" })
                }
                var scanner = CSVRawScanner(bytes: Array(text.utf8), dialect: reader.dialect)
                var got: [[String]] = []
                while let (_, fields) = scanner.nextRecord() {
                    got.append(fields.enumerated().compactMap { k, f in
                        var content = Array(text.utf8)[f.start..<f.end]
                        if f.quoted { content = content.dropFirst() }
                        var s = String(decoding: content, as: UTF8.self)
                        if f.quoted {
                            if let close = s.lastIndex(of: "\"") { s.remove(at: close) }
                            s = s.replacingOccurrences(of: "\"\"", with: "\"")
                        }
                        return s.isEmpty ? nil : "\(k)=\(s)"
                    })
                }
                #expect(got == expected, "\(text.debugDescription)")
            }
        }
    }
}
