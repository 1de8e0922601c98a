import CSVAdapter
import Foundation
import OKRCore
import SheetIO
import SheetKit

/// Streams a finance export once and evaluates every rule on every row, keeping only accumulators
/// (and, for `count_distinct`, the set of values seen): memory does not grow with the export. A `kpi:`
/// rule keeps one accumulator per period it fills (``periods``), in the same pass.
///
/// A CSV export is read as raw field bytes (``CSVRecordStream``); XLSX and ODS exports row by row through
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
            while try stream.next() {
                try state.consume(CSVLedgerRow(stream: stream), index: stream.recordIndex)
            }
        } else {
            state.fallback = .point
            let reader = opened.reader
            let index = try source.sheet.map { try reader.sheetIndex(named: $0, file: input.displayName) } ?? reader.defaultSheetIndex
            let sheet = reader.sheets[index].name
            _ = try reader.readSheet(at: index) { row in
                try state.consume(CellLedgerRow(row: row, file: input.displayName, sheet: sheet), index: row.index)
            }
        }
        return try state.finish()
    }
}
