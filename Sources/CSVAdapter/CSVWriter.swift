import SheetKit

/// Writes one sheet as canonical CSV (DESIGN's `table` contract): each cell as its
/// ``CellValue/canonicalText``, minimal quoting, the rectangle from A1 to the last non-empty cell
/// with every row padded to its width, trailing empty rows dropped.
///
/// The output is a temporary file beside the destination (or a spool file for standard output)
/// put in place by ``finish()``; a writer dropped without ``finish()`` leaves nothing behind.
public final class CSVWriter: WorkbookWriter {
    private let sink: CSVRecordSink
    private var begun = false
    private var finished = false
    private var nextRow = 0

    /// - Parameters:
    ///   - path: the destination; nil for standard output.
    /// - Throws: ``SheetError/io(_:_:)`` when the temporary file cannot be made,
    ///   ``SheetError/invalidRequest(_:_:)`` for a delimiter that cannot be one.
    public init(path: String?, options: CSVWriteOptions = .init()) throws {
        guard CSVReader.canDelimit(options.delimiter) else {
            throw SheetError.invalidRequest(SourceLocation(file: path ?? "<stdout>"), "a quote, CR, LF or NUL cannot be the delimiter")
        }
        sink = CSVRecordSink(target: try CSVOutputTarget(path: path), options: options)
    }

    /// Starts the one sheet a CSV file holds.
    ///
    /// - Throws: ``SheetError/invalidRequest(_:_:)`` for a second sheet.
    public func beginSheet(_ info: SheetInfo) throws {
        guard !begun else {
            throw SheetError.invalidRequest(SourceLocation(file: sink.target.displayName),
                                            "a CSV file holds one sheet; cannot add sheet \"\(info.name)\"")
        }
        begun = true
    }

    /// Appends a row; rows skipped by the reader (an index gap) are written as empty rows.
    public func write(_ row: Row) throws {
        guard !finished else {
            throw SheetError.invalidRequest(SourceLocation(file: sink.target.displayName), "the CSV file is already finished")
        }
        begun = true
        if row.index > nextRow { sink.holdEmptyRows(row.index - nextRow) }
        nextRow = max(nextRow, row.index) + 1
        let width = row.width
        guard sink.beginRecord(usedWidth: width) else { return }
        var column = 0
        for cell in row.cells where cell.column >= column && cell.column < width {
            while column < cell.column {
                sink.emptyField()
                column += 1
            }
            switch cell.value {
            case .empty:
                sink.emptyField()
            case .text(var text):
                text.withUTF8 { sink.field(UnsafeRawBufferPointer($0), quoting: .unknown, isText: true) }
            default:
                var text = cell.value.canonicalText
                text.withUTF8 { sink.field(UnsafeRawBufferPointer($0), quoting: .unknown, isText: false) }
            }
            column += 1
        }
        sink.endRecord()
    }

    /// Ends the sheet; a CSV file has nothing to add (no merges).
    public func endSheet(_ summary: SheetSummary) throws {}

    /// Puts the file in place (or copies it to standard output).
    ///
    /// - Throws: ``SheetError/io(_:_:)`` when a write failed (disk full, closed pipe…).
    public func finish() throws {
        finished = true
        try sink.finish()
    }
}
