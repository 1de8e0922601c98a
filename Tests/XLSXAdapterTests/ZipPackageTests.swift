import SheetKit
import Testing
import XMLPackage

@Suite struct ZipPackageTests {
    @Test func listsAndReadsEntriesIgnoringCase() throws {
        let zip = try ZipPackage(path: Fixture.path("stored_entry.zip"), displayName: "stored_entry.zip")
        #expect(zip.entryNames == ["Data.XML"])
        #expect(zip.contains("Data.XML"))
        #expect(!zip.contains("data.xml"))
        #expect(zip.entry(named: "/data.xml")?.name == "Data.XML")
        #expect(try zip.data(of: "data.xml") == Array("<a>hello</a>".utf8))
    }

    @Test func streamsADeflatedEntryInChunks() throws {
        let zip = try ZipPackage(path: Fixture.path("large_compressible_sheet.xlsx"), displayName: "big.xlsx")
        var chunks = 0, total = 0
        try zip.stream(entry: "xl/worksheets/sheet1.xml", chunkSize: 4096) { chunk in
            #expect(chunk.count <= 4096)
            chunks += 1
            total += chunk.count
        }
        #expect(Int64(total) == zip.entry(named: "xl/worksheets/sheet1.xml")?.uncompressedSize)
        #expect(chunks > 100)
    }

    @Test func aDeflateStreamRunningIntoTheEndOfTheFileIsTruncatedNotAHang() throws {
        let zip = try ZipPackage(path: Fixture.path("deflate_runs_into_eof.zip"), displayName: "eof.zip")
        let error = sheetError { try zip.stream(entry: "xl/worksheets/sheet1.xml") { _ in } }
        #expect(error?.kind == "malformed")
        #expect(error?.message.contains("truncated") == true)
    }

    @Test func aWrongCRCIsCorrupt() throws {
        let zip = try ZipPackage(path: Fixture.path("crc_mismatch.zip"), displayName: "crc.zip")
        let error = sheetError { _ = try zip.data(of: "data.xml") }
        #expect(error?.kind == "malformed")
        #expect(error?.message.contains("CRC-32") == true)
    }

    @Test func aMissingPartNamesTheFileAndThePart() throws {
        let zip = try ZipPackage(path: Fixture.path("stored_entry.zip"), displayName: "stored.zip")
        let error = sheetError { _ = try zip.data(of: "xl/workbook.xml") }
        #expect(error?.description == "stored.zip: error: the part xl/workbook.xml is missing from the package")
    }

    @Test(arguments: [
        ("truncated.xlsx", "malformed", "truncated"),
        ("not_a_zip.xlsx", "unsupportedFormat", "not a ZIP archive"),
    ])
    func refusesFilesThatAreNoWholeZip(name: String, kind: String, words: String) {
        let error = sheetError { _ = try ZipPackage(path: Fixture.path(name), displayName: name) }
        #expect(error?.kind == kind)
        #expect(error?.message.contains(words) == true)
        #expect(error?.location.file == name)
    }

    @Test func entryBytesLimitStopsInflating() throws {
        var limits = Limits()
        limits.maxEntryBytes = 1000
        let zip = try ZipPackage(path: Fixture.path("large_compressible_sheet.xlsx"), displayName: "big.xlsx", limits: limits)
        let error = sheetError { try zip.stream(entry: "xl/worksheets/sheet1.xml") { _ in } }
        guard case .limitExceeded(_, let limit, let value, let howToRaise)? = error else {
            Issue.record("expected limitExceeded, got \(String(describing: error))")
            return
        }
        #expect(limit.hasPrefix("entry-bytes"))
        #expect(value.contains("xl/worksheets/sheet1.xml"))
        #expect(howToRaise == Limits.howToRaise("entry-bytes"))
    }

    @Test func compressionRatioLimitStopsInflating() throws {
        var limits = Limits()
        limits.maxCompressionRatio = 2
        let zip = try ZipPackage(path: Fixture.path("large_compressible_sheet.xlsx"), displayName: "big.xlsx", limits: limits)
        var delivered = 0
        let error = sheetError { try zip.stream(entry: "xl/worksheets/sheet1.xml") { delivered += $0.count } }
        guard case .limitExceeded(_, let limit, _, _)? = error else {
            Issue.record("expected limitExceeded, got \(String(describing: error))")
            return
        }
        #expect(limit.hasPrefix("compression-ratio"))
        #expect(delivered <= (1 << 20) + (1 << 16))
    }

    @Test func concurrentStreamingGivesTheSameBytes() throws {
        let zip = try ZipPackage(path: Fixture.path("large_compressible_sheet.xlsx"), displayName: "big.xlsx")
        var direct: [UInt8] = [], concurrent: [UInt8] = []
        try zip.stream(entry: "xl/worksheets/sheet1.xml") { direct.append(contentsOf: $0) }
        try zip.streamConcurrently(entry: "xl/worksheets/sheet1.xml", chunkSize: 1000) { concurrent.append(contentsOf: $0) }
        #expect(direct.count > 1 << 20)
        #expect(concurrent == direct)
    }

    @Test func concurrentStreamingStopsWhenTheConsumerThrows() throws {
        let zip = try ZipPackage(path: Fixture.path("large_compressible_sheet.xlsx"), displayName: "big.xlsx")
        var chunks = 0
        let error = sheetError {
            try zip.streamConcurrently(entry: "xl/worksheets/sheet1.xml", chunkSize: 1024) { _ in
                chunks += 1
                if chunks == 3 { throw SheetError.malformed(SourceLocation(file: "t"), "enough") }
            }
        }
        #expect(error?.message == "enough")
        #expect(chunks == 3)
    }

    @Test func concurrentStreamingReportsTheInflatingSidesError() throws {
        var limits = Limits()
        limits.maxEntryBytes = 1_500_000
        let zip = try ZipPackage(path: Fixture.path("large_compressible_sheet.xlsx"), displayName: "big.xlsx", limits: limits)
        let error = sheetError { try zip.streamConcurrently(entry: "xl/worksheets/sheet1.xml") { _ in } }
        #expect(error?.kind == "limitExceeded")
    }
}
