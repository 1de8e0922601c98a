/// One entry of a rules file's `updates:` list: which key result, what to compute, over which rows.
public struct LedgerRule: Sendable, Hashable {
    /// The key result as the rules file names it: an id, a title, or a unique part of a title.
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

    public init(keyResult: String, measure: LedgerMeasure, scale: Double? = nil, filter: LedgerFilter = .all([]), line: Int, measureLine: Int? = nil) {
        self.keyResult = keyResult
        self.measure = measure
        self.scale = scale
        self.filter = filter
        self.line = line
        self.measureLine = measureLine ?? line
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
}
