import CSVAdapter
import Foundation
import OKRCore
import SheetIO
import SheetKit

/// Streams a finance export once and evaluates every rule on every row, keeping only accumulators
/// (and, for `count_distinct`, the set of values seen): memory does not grow with the export. A `kpi:`
/// rule keeps one accumulator per period it fills (``periods``), in the same pass.
///
/// A CSV export is read as raw field bytes (``CSVRecordStream``), on a second thread once the header is
/// found (``LedgerPipeline``); XLSX and ODS exports row by row through
/// their ``WorkbookReader``. Amounts and dates are read by ``LedgerValueReader``. A cell a rule needs as a
/// number or date that does not parse stops the run with an error at its line and column (CSV) or cell,
/// unless the rules file says `on_error: skip`: the row is then left out of every rule and reported.
public struct LedgerAggregator {
    public var rules: [LedgerRule]
    public var source: LedgerSource
    /// The period `in_period` tests against.
    public var period: Period?
    /// The rules file's name, for errors about a rule.
    public var rulesFile: String
    public var limits = Limits()
    /// Per `kpi:` rule (by its index in ``rules``): the periods to fill, one value each, all of one kind.
    /// A row counts in the period its date falls in (``LedgerRule/dateColumn``); rows dated outside them
    /// are left out. A `kpi:` rule without periods here fills nothing.
    public var periods: [Int: [KPIPeriod]] = [:]
    /// Set when the run may be stopped from another thread (``LedgerAggregation``).
    var cancellation: LedgerCancellation?

    /// How many skipped rows are listed (all are counted).
    public static let maxSkippedListed = 1000
    /// How many rows from the top are searched for the header.
    static let headerSearchDepth = 40

    public init(rules: [LedgerRule], source: LedgerSource, period: Period?, rulesFile: String) {
        self.rules = rules
        self.source = source
        self.period = period
        self.rulesFile = rulesFile
    }

    /// Aggregates the export at `path` (see ``run(_:)``).
    public func run(path: String) throws -> LedgerResult {
        try run(try InputFile(path))
    }

    /// Aggregates an export, in any format okrsheet reads.
    ///
    /// - Throws: ``SheetError``: an unreadable export; a rule naming a column the export lacks, or using
    ///   `in_period` without a period (at the rule's line in the rules file); a cell that does not parse.
    public func run(_ input: InputFile) throws -> LedgerResult {
        if period == nil, let rule = rules.first(where: \.needsPeriod) {
            throw SheetError.malformed(.text(rulesFile, line: rule.line),
                "the rule for \"\(rule.keyResult)\" uses in_period, but there is no period: add \"period: 2026-Q2\" to the rules file or pass --period")
        }
        var open = OpenOptions()
        open.delimiter = source.delimiter
        open.encoding = source.encoding
        open.limits = limits
        let opened = try Workbooks.open(input, options: open)
        var state = AggregationState(aggregator: self, file: input.displayName)
        state.result.warnings = opened.warnings
        if let csv = opened.reader as? CSVReader {
            state.fallback = csv.dialect.delimiter == UInt8(ascii: ",") ? .point : .comma
            let stream = try CSVRecordStream(reader: csv)
            // The header, row by row; then the rows on two threads (``LedgerPipeline``).
            while state.header == nil {
                guard try stream.next() else { return try state.finish() }
                try state.consume(CSVLedgerRow(stream: stream), index: stream.recordIndex)
            }
            try aggregate(csv, stream: stream, state: &state)
        } else {
            state.fallback = .point
            let reader = opened.reader
            let index = try source.sheet.map { try reader.sheetIndex(named: $0, file: input.displayName) } ?? reader.defaultSheetIndex
            let sheet = reader.sheets[index].name
            let cancellation = self.cancellation
            _ = try reader.readSheet(at: index) { row in
                if row.index & 4095 == 0 { try cancellation?.check() }
                try state.consume(CellLedgerRow(row: row, file: input.displayName, sheet: sheet), index: row.index)
            }
        }
        return try state.finish()
    }

    /// The rows after the header, read on a second thread (``LedgerPipeline``). A bad cell is located by
    /// reading the export again up to its record: once for the error, or once at the end for every listed
    /// skipped row.
    func aggregate(_ csv: CSVReader, stream: CSVRecordStream, state: inout AggregationState) throws {
        let pipeline = LedgerPipeline(stream: stream, columns: state.slots.map(\.column))
        pipeline.start()
        var unlocated: [AggregationState.UnlocatedCell] = []
        var bad: AggregationState.UnlocatedCell?
        do {
            defer { pipeline.stop() }
            while let batch = pipeline.next() {
                try cancellation?.check()
                bad = state.consume(batch, unlocated: &unlocated)
                if bad != nil { break }
                if let error = batch.error { throw error }
                let last = batch.isLast
                pipeline.recycle(batch)
                if last { break }
            }
        }
        // The reader has stopped: the export can be read again to locate cells.
        if let bad {
            let location = LedgerAggregator.locate([bad], in: csv)[0]
            try state.reportBadCell(location: location, text: bad.text, slot: bad.slot, failure: bad.failure)
        }
        if !unlocated.isEmpty {
            let first = state.result.skipped.count - unlocated.count
            for (k, location) in LedgerAggregator.locate(unlocated, in: csv).enumerated() {
                state.result.skipped[first + k].location = location
            }
        }
    }

    /// Where the cells are (in record order), found by reading the export again.
    /// The rows before them were read once already, so reading them again fails only if the file changed
    /// meanwhile: the cells left are then located in the file only.
    static func locate(_ cells: [AggregationState.UnlocatedCell], in csv: CSVReader) -> [SourceLocation] {
        var out: [SourceLocation] = []
        if let stream = try? CSVRecordStream(reader: csv) {
            var k = 0
            while k < cells.count, (try? stream.next()) == true {
                while k < cells.count, cells[k].record == stream.recordIndex {
                    out.append(stream.location(ofField: cells[k].column))
                    k += 1
                }
            }
        }
        while out.count < cells.count { out.append(SourceLocation(file: csv.displayName)) }
        return out
    }
}
