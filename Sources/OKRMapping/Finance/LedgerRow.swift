import CSVAdapter
import SheetKit

/// One row of an export as the aggregator reads it.
protocol LedgerRow {
    /// Reads the row's cell at `slot.column` into `cell`, its text (when needed) into `arena`.
    func fill(_ slot: inout LedgerSlot, into cell: inout LedgerCell, arena: LedgerByteArena)
    /// Whether every cell of the row is empty.
    var isBlank: Bool { get }
    /// The cell's texts, for finding the header.
    func texts() -> [String]
    /// The text of one cell, for messages.
    func text(column: Int) -> String
    /// Where a cell is.
    func location(column: Int) -> SourceLocation
}

/// A CSV record, read from the field bytes.
struct CSVLedgerRow: LedgerRow {
    let stream: CSVRecordStream

    func fill(_ slot: inout LedgerSlot, into cell: inout LedgerCell, arena: LedgerByteArena) {
        slot.read(stream.field(slot.column), into: &cell, arena: arena)
    }

    var isBlank: Bool { stream.isBlank }

    func texts() -> [String] {
        (0..<stream.fieldCount).map { String(decoding: stream.field($0), as: UTF8.self) }
    }

    func text(column: Int) -> String { String(decoding: stream.field(column), as: UTF8.self) }

    func location(column: Int) -> SourceLocation { stream.location(ofField: column) }
}

/// A row of an XLSX or ODS export.
struct CellLedgerRow: LedgerRow {
    let row: Row
    let file: String
    let sheet: String

    func fill(_ slot: inout LedgerSlot, into cell: inout LedgerCell, arena: LedgerByteArena) {
        slot.read(row[slot.column], into: &cell, arena: arena)
    }

    var isBlank: Bool { row.width == 0 }

    func texts() -> [String] {
        var out: [String] = []
        for cell in row.cells {
            while out.count < cell.column { out.append("") }
            out.append(cell.value.canonicalText)
        }
        return out
    }

    func text(column: Int) -> String { row[column].canonicalText }

    func location(column: Int) -> SourceLocation { .cell(file, sheet: sheet, row: row.index, column: column) }
}
