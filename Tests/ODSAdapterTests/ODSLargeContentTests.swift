import ODSAdapter
import SheetKit
import Testing

/// A content.xml over 4 MiB, parsed while a second thread inflates it.
@Suite struct ODSLargeContentTests {
    static let name = "large_content_parsed_while_inflating.ods"

    struct Stop: Error {}

    @Test func everyRowArrivesInOrder() throws {
        let reader = try ODSFixture.open(Self.name)
        #expect(reader.sheets.map(\.name) == ["Groot", "Klein"])
        var count = 0
        var inOrder = true
        let summary = try reader.readSheet(at: 0) { row in
            if row.index != count || row[0] != .number(Double(count)) || row[1] != .text("regel \(count % 7)") {
                inOrder = false
            }
            count += 1
        }
        #expect(count == 30_000)
        #expect(inOrder)
        #expect(summary.usedRows == 30_000 && summary.usedColumns == 2)
    }

    @Test func theSheetAfterTheLargeOneIsFound() throws {
        let reader = try ODSFixture.open(Self.name)
        #expect(try reader.loadSheet(at: 1).canonicalGrid == [["after the big one"]])
    }

    @Test func aConsumerThatThrowsStopsTheReadAndTheReaderStaysUsable() throws {
        let reader = try ODSFixture.open(Self.name)
        var seen = 0
        #expect(throws: Stop.self) {
            _ = try reader.readSheet(at: 0) { _ in
                seen += 1
                if seen == 10 { throw Stop() }
            }
        }
        #expect(seen == 10)
        #expect(try reader.loadSheet(at: 1).rows.count == 1)
    }
}
