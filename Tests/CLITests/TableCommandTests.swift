import Foundation
import Testing

@Suite("okrsheet table and inspect, end to end")
struct TableCommandTests {
    @Test func convertsTheShippedLedgerToCanonicalCSV() throws {
        let dir = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("grootboek.csv")
        let result = try CLIRunner.run(["table", packageRoot.appendingPathComponent("samples/grootboek.csv").path, out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let text = try String(contentsOf: out, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "Datum,Boekstuk,Grootboekrekening,Omschrijving,Kostenplaats,Bedrag,BTW,Relatie")
        #expect(lines[1] == "01-04-2026,BK2026000,8010,Omzet diensten,KP01,\"8.089,19\",\"1.698,73\",Brasserie L'Étoile")
        #expect(lines[4] == "22-04-2026,BK2026003,6100,\"Huur kantoor \"\"spoed\"\"\",KP04,\"-212,99\",\"0,00\",Brasserie L'Étoile")
        #expect(text.hasSuffix("\n") && !text.contains("\r"))
        #expect(lines.count == 50)
        #expect(result.stderr.contains("Windows-1252"), "the encoding guess is reported: \(result.stderr)")
    }

    @Test func standardInputToStandardOutput() throws {
        let result = try CLIRunner.run(["table", "-", "-", "--out-delimiter", ";"], stdin: Data("a,b\n\"x,y\",2\n".utf8))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdoutText == "a;b\nx,y;2\n")
    }

    @Test func tsvByExtensionOrFlag() throws {
        let result = try CLIRunner.run(["table", "-", "-", "--to", "tsv"], stdin: Data("a;b\n1;2\n".utf8))
        #expect(result.stdoutText == "a\tb\n1\t2\n")
    }

    @Test func refusesToOverwriteItsInput() throws {
        let dir = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("in.csv")
        try Data("a,b\n".utf8).write(to: input)
        let result = try CLIRunner.run(["table", input.path, input.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("also an input"))
        #expect(try Data(contentsOf: input) == Data("a,b\n".utf8))
    }

    @Test(arguments: [
        (Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]), "report.xlsx", "PNG image"),
        (Data("<html><body><table><tr><td>1</td></tr></table></body></html>".utf8), "export.xls", "HTML page"),
        (Data("<?xml version=\"1.0\"?><Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\"></Workbook>".utf8), "export.xls", "SpreadsheetML 2003"),
        (Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 600) + Array("Workbook".utf16.flatMap { [UInt8($0), 0] })), "old.xls", "legacy Excel"),
        (Data([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00]), "cut.xlsx", "cut.xlsx"),
    ])
    func refusesWhatItCannotReadWithAClearErrorAndNoOutput(bytes: Data, name: String, mentions: String) throws {
        let dir = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent(name)
        try bytes.write(to: input)
        let out = dir.appendingPathComponent("out.csv")
        let result = try CLIRunner.run(["table", input.path, out.path])
        #expect(result.status == 3)
        #expect(result.stderr.hasPrefix(input.path + ": error: "), "\(result.stderr)")
        #expect(result.stderr.contains(mentions), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == [name])
    }

    @Test func aWrongExtensionIsReadByItsBytesWithAWarning() throws {
        let dir = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("ledger.xlsx")
        try Data("a,b\n1,2\n".utf8).write(to: input)
        let result = try CLIRunner.run(["table", input.path, "-"])
        #expect(result.status == 0)
        #expect(result.stdoutText == "a,b\n1,2\n")
        #expect(result.stderr.contains("warning: the name says .xlsx but the contents are CSV"), "\(result.stderr)")
    }

    @Test func badUsageExitsTwo() throws {
        #expect(try CLIRunner.run(["table", "-"]).status == 2)
        #expect(try CLIRunner.run(["table", "-", "out.pdf"], stdin: Data()).status == 2)
        #expect(try CLIRunner.run(["table", "-", "-", "--delimiter", ";;"], stdin: Data()).status == 2)
        #expect(try CLIRunner.run(["table", "-", "-", "--limits", "bogus=3"], stdin: Data()).status == 2)
        #expect(try CLIRunner.run(["frobnicate"]).status == 2)
        let help = try CLIRunner.run(["table", "--help"])
        #expect(help.status == 0 && help.stdoutText.contains("Examples:"))
        #expect(try CLIRunner.run(["--version"]).stdoutText.hasPrefix("okrsheet "))
    }

    @Test func missingFileExitsThreeNamingIt() throws {
        let result = try CLIRunner.run(["inspect", "/nonexistent/okr.xlsx"])
        #expect(result.status == 3)
        #expect(result.stderr.hasPrefix("/nonexistent/okr.xlsx: error: cannot open"))
    }

    @Test func inspectPrintsTheJSONContract() throws {
        let result = try CLIRunner.run(["inspect", packageRoot.appendingPathComponent("samples/grootboek.csv").path, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any]
        #expect(json?["format"] as? String == "csv")
        let sheets = json?["sheets"] as? [[String: Any]]
        #expect(sheets?.count == 1)
        #expect(sheets?.first?["name"] as? String == "grootboek")
        #expect(sheets?.first?["rows"] as? Int == 49)
        #expect(sheets?.first?["columns"] as? Int == 8)
        #expect(sheets?.first?["hidden"] as? Bool == false)
    }
}
