import SheetKit
import Testing

@Suite("Format detection by bytes")
struct FormatSnifferTests {
    static func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    @Test func zipIsZip() {
        #expect(FormatSniffer.sniff([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00]) == .zip)
    }

    @Test(arguments: [
        ("Datum;Bedrag\n01-04-2026;1.234,56\n", true),
        ("", true),
        ("<5;ok\n", true),
        ("\u{FEFF}a,b\n", true),
    ])
    func textIsCSV(text: String, isText: Bool) {
        #expect((FormatSniffer.sniff(Self.bytes(text)) == .text) == isText)
    }

    @Test func utf16WithBOMIsText() {
        #expect(FormatSniffer.sniff([0xFF, 0xFE, 0x61, 0x00, 0x09, 0x00, 0x62, 0x00]) == .text)
        #expect(FormatSniffer.sniff([0xFE, 0xFF, 0x00, 0x61, 0x00, 0x09, 0x00, 0x62]) == .text)
    }

    @Test(arguments: [
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "PNG image"),
        ([0x25, 0x50, 0x44, 0x46, 0x2D], "PDF"),
        (FormatSniffer.cfbMagic + [0, 0, 0, 0], "legacy .xls"),
        (bytes("<!DOCTYPE html><html><body><table>"), "HTML page"),
        (bytes("  <html><table><tr><td>1</td></tr></table></html>"), "HTML page"),
        (bytes("<?xml version=\"1.0\"?>\n<?mso-application progid=\"Excel.Sheet\"?>\n<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">"), "SpreadsheetML 2003"),
        (bytes("<?xml version=\"1.0\"?><root/>"), "XML document"),
        ([0, 1, 2, 3, 4, 5, 6, 7, 0, 0, 0, 0, 0x41], "binary data"),
    ])
    func refusesWhatIsNotASpreadsheet(prefix: [UInt8], mentions: String) {
        guard case .refused(let what) = FormatSniffer.sniff(prefix) else {
            Issue.record("not refused")
            return
        }
        #expect(what.contains(mentions), "\(what)")
    }

    @Test func compoundFilesAreToldApart() {
        let encrypted = FormatSniffer.cfbMagic + [UInt8](repeating: 0, count: 500) + "EncryptedPackage".utf8.flatMap { [$0, UInt8(0)] }
        #expect(FormatSniffer.describeCompoundFile(encrypted).contains("password-protected"))
        let legacy = FormatSniffer.cfbMagic + [UInt8](repeating: 0, count: 500) + "Workbook".utf8.flatMap { [$0, UInt8(0)] }
        #expect(FormatSniffer.describeCompoundFile(legacy).contains("legacy Excel 97-2003"))
    }
}
