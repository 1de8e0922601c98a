import OKRCore

/// One entry of a rules file's `updates:` list: which key result (or KPI), what to compute, over which rows.
public struct LedgerRule: Sendable, Hashable {
    /// How a `kpi:` rule spreads the rows it keeps over periods: one value per month (week, quarter…).
    public struct PerPeriod: Sendable, Hashable {
        /// `per:`; nil: the KPI's frequency.
        public var per: KPIPeriod.Kind?
        /// `date:`, the column whose date puts a row in its period; nil: the column of the rule's
        /// `in_period` condition.
        public var date: String?
        /// The line of the `date:` key (of the rule when there is none).
        public var dateLine: Int

        public init(per: KPIPeriod.Kind? = nil, date: String? = nil, dateLine: Int) {
            self.per = per
            self.date = date
            self.dateLine = dateLine
        }
    }

    /// The key result as the rules file names it: an id, a title, or a unique part of a title. For a
    /// `kpi:` rule, the KPI, named the same way.
    public var keyResult: String
    public var measure: LedgerMeasure
    /// Multiplies the result (`0.001` for k€); nil: 1.
    public var scale: Double?
    /// The rows kept; `.all([])` keeps every row.
    public var filter: LedgerFilter
    /// The 1-based line of the rule in the rules file.
    public var line: Int
    /// The line of the `measure:` key.
    public var measureLine: Int
    /// Set for a `kpi:` rule, which fills one value per period instead of a key result's current value.
    public var kpi: PerPeriod?

    public init(keyResult: String, measure: LedgerMeasure, scale: Double? = nil, filter: LedgerFilter = .all([]), line: Int,
                measureLine: Int? = nil, kpi: PerPeriod? = nil) {
        self.keyResult = keyResult
        self.measure = measure
        self.scale = scale
        self.filter = filter
        self.line = line
        self.measureLine = measureLine ?? line
        self.kpi = kpi
    }

    /// Whether the rule needs a reporting period (an `in_period` condition).
    var needsPeriod: Bool {
        func walk(_ f: LedgerFilter) -> Bool {
            switch f {
            case .all(let list): return list.contains(where: walk)
            case .not(let inner): return walk(inner)
            case .test(_, _, let t):
                if case .inPeriod = t { return true }
                return false
            }
        }
        return walk(filter)
    }

    /// The column of the rule's first `in_period: true` condition that is not under a `not:`, with its line.
    var periodColumn: (name: String, line: Int)? {
        func walk(_ f: LedgerFilter) -> (name: String, line: Int)? {
            switch f {
            case .all(let list):
                for item in list { if let found = walk(item) { return found } }
                return nil
            case .not:
                return nil
            case .test(let column, let line, let t):
                if case .inPeriod(true) = t { return (column, line) }
                return nil
            }
        }
        return walk(filter)
    }

    /// The column that puts a row in its period for a `kpi:` rule: `date:`, else the `in_period` column.
    var dateColumn: (name: String, line: Int)? {
        guard let kpi else { return nil }
        if let date = kpi.date { return (date, kpi.dateLine) }
        return periodColumn
    }
}
