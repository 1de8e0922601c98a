import SheetKit

/// Opens a workbook with `open` and streams every sheet, touching each cell's text; a ``SheetError``
/// is the expected end of most fuzz inputs, anything else thrown is a bug (and stops the fuzzer).
public func readEverySheet(_ open: () throws -> any WorkbookReader) {
    do {
        let reader = try open()
        var index = 0
        var size = 0
        while index < reader.sheets.count {  // an ODS reader may find more sheets as it reads
            let summary = try reader.readSheet(at: index) { row in
                for cell in row.cells { size &+= cell.value.canonicalText.utf8.count }
            }
            size &+= summary.merges.count
            index += 1
        }
        _ = reader.warnings.map(\.description)
    } catch let error as SheetError {
        _ = error.description
    } catch {
        fatalError("not a SheetError: \(error)")
    }
}
