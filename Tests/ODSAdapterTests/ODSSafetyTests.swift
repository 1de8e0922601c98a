import Foundation
import ODSAdapter
import SheetKit
import Testing

/// Hostile and broken files: repeat bombs, limits, encryption, missing or broken parts.
@Suite struct ODSSafetyTests {
    /// calamine issue #594's harmless form: a styled empty row over the whole sheet costs one element.
    @Test(.timeLimit(.minutes(1)))
    func styledEmptyRowOverTheWholeSheetCostsNothing() throws {
        let start = Date()
        let reader = try ODSFixture.open("styled_empty_row_repeated_over_whole_sheet.ods")
        var rows = 0
        let summary = try reader.readSheet(at: 0) { _ in rows += 1 }
        #expect(rows == 1)
        #expect(summary.usedRows == 1 && summary.usedColumns == 1)
        #expect(Date().timeIntervalSince(start) < 2, "a debug build reads it in milliseconds")
    }

    /// calamine issue #594 itself: a value repeated 999,999,999 × 999,999,999 times.
    @Test func repeatBombIsRefusedAtOnce() throws {
        let start = Date()
        let error = ODSFixture.sheetError {
            let reader = try ODSFixture.open("calamine_issue_594_repeat_bomb.ods")
            _ = try reader.readSheet(at: 0) { _ in }
        }
        guard case .limitExceeded(_, let limit, _, _)? = error else {
            Issue.record("expected limitExceeded, got \(String(describing: error))")
            return
        }
        #expect(limit.hasPrefix("columns"))
        #expect(Date().timeIntervalSince(start) < 2)
    }

    @Test func valueRepeatedPastTheLastRowIsALimit() {
        let error = ODSFixture.sheetError { _ = try ODSFixture.rows("value_row_repeated_past_last_row.ods") }
        guard case .limitExceeded(let location, let limit, _, _)? = error else {
            Issue.record("expected limitExceeded, got \(String(describing: error))")
            return
        }
        #expect(limit == "rows (1048576)")
        #expect(location.description.hasPrefix("value_row_repeated_past_last_row.ods:Rows!"))
    }

    @Test func repeatedCellsCountAgainstTheirLimit() throws {
        var limits = Limits()
        limits.maxRepeatedCells = 1_000_000
        let error = ODSFixture.sheetError { _ = try ODSFixture.rows("value_repeated_into_many_cells.ods", limits: limits) }
        guard case .limitExceeded(_, let limit, _, let howToRaise)? = error else {
            Issue.record("expected limitExceeded, got \(String(describing: error))")
            return
        }
        #expect(limit.hasPrefix("repeated-cells"))
        #expect(howToRaise.contains("--limits repeated-cells="))
    }

    @Test func repeatedCellsWithinTheLimitAreAllRead() throws {
        var limits = Limits()
        limits.maxRepeatedCells = 16_384 * 3
        limits.maxRows = 2
        let error = ODSFixture.sheetError { _ = try ODSFixture.rows("value_repeated_into_many_cells.ods", limits: limits) }
        guard case .limitExceeded(_, let limit, _, _)? = error else {
            Issue.record("expected limitExceeded, got \(String(describing: error))")
            return
        }
        #expect(limit == "rows (2)")
    }

    @Test func spaceCountBeyondTheCellLengthIsALimit() {
        let error = ODSFixture.sheetError { _ = try ODSFixture.rows("text_space_count_too_large.ods") }
        guard case .limitExceeded(_, let limit, _, _)? = error else {
            Issue.record("expected limitExceeded, got \(String(describing: error))")
            return
        }
        #expect(limit.hasPrefix("cell-length"))
    }

    @Test(arguments: ["encrypted_manifest.ods", "calamine_pass_protected.ods"])
    func encryptedDocumentsAreRefused(name: String) {
        let error = ODSFixture.sheetError { _ = try ODSFixture.open(name) }
        guard case .encrypted(let location, let message)? = error else {
            Issue.record("expected encrypted, got \(String(describing: error))")
            return
        }
        #expect(location.description == name)
        #expect(message.contains("password-protected"))
    }

    @Test func missingContentXMLIsNamed() {
        let error = ODSFixture.sheetError { _ = try ODSFixture.open("missing_content_xml.ods") }
        guard case .malformed(_, let message)? = error else {
            Issue.record("expected malformed, got \(String(describing: error))")
            return
        }
        #expect(message.contains("content.xml"))
    }

    @Test func textDocumentIsNotASpreadsheet() {
        let error = ODSFixture.sheetError { _ = try ODSFixture.open("text_document.odt") }
        guard case .unsupportedFormat(_, let message)? = error else {
            Issue.record("expected unsupportedFormat, got \(String(describing: error))")
            return
        }
        #expect(message.contains("text document"))
    }

    @Test func malformedXMLSaysWhere() {
        let error = ODSFixture.sheetError { _ = try ODSFixture.open("malformed_content_xml.ods") }
        guard case .malformed(_, let message)? = error else {
            Issue.record("expected malformed, got \(String(describing: error))")
            return
        }
        #expect(message.hasPrefix("content.xml"))
    }

    @Test func sheetIndexOutOfRangeIsAnInvalidRequest() throws {
        let reader = try ODSFixture.open("value_types.ods")
        let error = ODSFixture.sheetError { _ = try reader.readSheet(at: 5) { _ in } }
        guard case .invalidRequest? = error else {
            Issue.record("expected invalidRequest, got \(String(describing: error))")
            return
        }
    }

    /// Every fixture, cut short at many lengths, gives an error or rows: never a crash.
    @Test func truncatedFilesNeverCrash() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: ODSFixture.folder).filter { $0.hasSuffix(".ods") }.sorted()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ods-truncated-\(getpid()).ods").path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        for name in names where !name.hasPrefix("calamine_issue") {
            let data = try Data(contentsOf: URL(fileURLWithPath: ODSFixture.path(name)))
            for cut in stride(from: 0, to: data.count, by: max(data.count / 23, 1)) {
                try data.prefix(cut).write(to: URL(fileURLWithPath: scratch))
                if let reader = try? ODSReader(path: scratch, displayName: name) {
                    for index in reader.sheets.indices { _ = try? reader.readSheet(at: index) { _ in } }
                }
            }
        }
    }
}
