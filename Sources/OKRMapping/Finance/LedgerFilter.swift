/// A `where:` condition of a rule, with column names not yet bound to the export's header.
public indirect enum LedgerFilter: Sendable, Hashable {
    /// Every condition holds (a `where:` map, or several operators on one column).
    case all([LedgerFilter])
    /// The condition does not hold (`not:`).
    case not(LedgerFilter)
    /// One operator on one column.
    case test(column: String, line: Int, LedgerTest)

    /// The columns named, with the line naming them.
    var columns: [(name: String, line: Int)] {
        switch self {
        case .all(let list): return list.flatMap(\.columns)
        case .not(let f): return f.columns
        case .test(let c, let line, _): return [(c, line)]
        }
    }
}
