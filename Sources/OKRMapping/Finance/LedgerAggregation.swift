import Foundation
import SheetIO
import SheetKit

/// Aggregates an export on a thread of its own while the caller goes on (``UpdateJob`` imports the
/// template meanwhile): possible when nothing the aggregation needs comes from the template, that is,
/// when `--period` or the rules file gives the period and no `kpi:` rule takes its periods from a KPI
/// table.
///
/// ``result()`` waits for it and returns what ``LedgerAggregator/run(_:)`` would have returned or
/// thrown. ``cancel()`` (when the caller fails first) stops it at its next batch of rows and waits, so
/// that nothing runs on after the caller has returned.
final class LedgerAggregation: @unchecked Sendable {
    private let condition = NSCondition()
    private var outcome: Result<LedgerResult, any Error>?
    private let cancellation = LedgerCancellation()
    /// Read by the aggregating thread only, once started.
    private let aggregator: LedgerAggregator
    private let path: String

    /// Starts aggregating the export at `path` (not standard input) with `aggregator`.
    init(_ aggregator: LedgerAggregator, path: String) {
        var aggregator = aggregator
        aggregator.cancellation = cancellation
        self.aggregator = aggregator
        self.path = path
        let thread = Thread { [self] in
            let outcome = Result { try self.aggregator.run(try InputFile(self.path)) }
            condition.lock()
            self.outcome = outcome
            condition.broadcast()
            condition.unlock()
        }
        thread.name = "okrsheet ledger aggregation"
        thread.start()
    }

    /// Waits for the aggregation.
    ///
    /// - Throws: what ``LedgerAggregator/run(_:)`` throws.
    func result() throws -> LedgerResult {
        condition.lock()
        defer { condition.unlock() }
        while outcome == nil { condition.wait() }
        return try outcome!.get()
    }

    /// Stops the aggregation and waits until it has stopped.
    func cancel() {
        cancellation.cancel()
        _ = try? result()
    }
}

/// Tells a running ``LedgerAggregator`` to stop (checked between batches and every few thousand rows).
final class LedgerCancellation: @unchecked Sendable {
    struct Cancelled: Error {}

    private let lock = NSLock()
    private var cancelled = false

    func cancel() {
        lock.lock()
        cancelled = true
        lock.unlock()
    }

    var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }

    /// - Throws: ``Cancelled`` once ``cancel()`` was called.
    func check() throws {
        if isCancelled { throw Cancelled() }
    }
}
