import CSVAdapter
import Foundation
import SheetKit

/// Rows of a CSV export read ahead by a ``LedgerPipeline``: per row its record number and, per slot, the
/// raw bytes of the field the slot reads (``CSVColumnRows``, reused batch after batch).
final class LedgerBatch {
    /// Rows at most, and bytes after which a batch is handed over however few rows it holds.
    static let maxRows = 4096
    static let maxBytes = 1 << 20

    let rows: CSVColumnRows
    /// What stopped the scan after the last row, to be thrown once the rows before it are consumed.
    var error: (any Error)?
    /// No batch follows.
    var isLast = false

    init(width: Int) {
        rows = CSVColumnRows(width: width, capacity: LedgerBatch.maxRows)
    }

    /// Fields per row (the slot count).
    var width: Int { rows.width }

    func clear() {
        rows.clear()
        error = nil
        isLast = false
    }
}

/// Reads a CSV export on a second thread while the calling thread applies the rules: the scanner
/// (transcoding, tokenising) on one core; the cells' values (amounts, dates), the rules and their
/// accumulators on the other, exactly as when read row by row. Rows go over in ``LedgerBatch``es, in file
/// order, through a bounded queue of recycled batches, so that memory does not grow with the export.
///
/// A scanning error travels after the rows before it, so the first error in file order is the one
/// reported. When the consumer stops (an error, or the end), the reader is told to stop and waited for.
final class LedgerPipeline: @unchecked Sendable {
    private let stream: CSVRecordStream
    /// The column each slot reads.
    private let columns: [Int]
    private let condition = NSCondition()
    private var free: [LedgerBatch]
    private var full: [LedgerBatch] = []
    private var cancelled = false
    private var finished = false
    private var started = false

    /// Batches in all: two being filled or consumed, two waiting.
    static let depth = 4

    init(stream: CSVRecordStream, columns: [Int]) {
        self.stream = stream
        self.columns = columns
        free = (0..<LedgerPipeline.depth).map { _ in LedgerBatch(width: columns.count) }
    }

    /// Starts the reading thread.
    func start() {
        started = true
        let thread = Thread { [self] in
            self.produce()
        }
        thread.name = "okrsheet ledger reader"
        thread.start()
    }

    /// The next batch in file order; nil once the reader has stopped without a last batch (cancelled).
    func next() -> LedgerBatch? {
        condition.lock()
        defer { condition.unlock() }
        while full.isEmpty, !finished { condition.wait() }
        return full.isEmpty ? nil : full.removeFirst()
    }

    /// Hands a consumed batch back to the reader.
    func recycle(_ batch: LedgerBatch) {
        condition.lock()
        free.append(batch)
        condition.signal()
        condition.unlock()
    }

    /// Tells the reader to stop and waits until it has (it then no longer touches the stream).
    func stop() {
        condition.lock()
        defer { condition.unlock() }
        cancelled = true
        condition.broadcast()
        while started, !finished { condition.wait() }
    }

    private func takeFree() -> LedgerBatch? {
        condition.lock()
        defer { condition.unlock() }
        while free.isEmpty, !cancelled { condition.wait() }
        return cancelled ? nil : free.removeLast()
    }

    private func hand(_ batch: LedgerBatch) {
        condition.lock()
        full.append(batch)
        condition.broadcast()
        condition.unlock()
    }

    private func produce() {
        defer {
            condition.lock()
            finished = true
            condition.broadcast()
            condition.unlock()
        }
        while let batch = takeFree() {
            batch.clear()
            fill(batch)
            hand(batch)
            if batch.isLast { return }
        }
    }

    /// Reads rows into `batch` until it is full, the export ends, or a scanning error.
    private func fill(_ batch: LedgerBatch) {
        do {
            let more = try columns.withUnsafeBufferPointer { try stream.read(columns: $0, into: batch.rows, maxBytes: LedgerBatch.maxBytes) }
            if !more { batch.isLast = true }
        } catch {
            batch.error = error
            batch.isLast = true
        }
    }
}
