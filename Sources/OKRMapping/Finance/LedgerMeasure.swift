/// What a rule computes over the rows it keeps: `sum(Bedrag)`, `count`, `count_distinct(Relatie)`,
/// `avg(Bedrag)`, `min(Bedrag)`, `max(Bedrag)`, `last(Saldo by Datum)`.
public enum LedgerMeasure: Sendable, Hashable, CustomStringConvertible {
    case sum(String)
    case count
    case countDistinct(String)
    case average(String)
    case minimum(String)
    case maximum(String)
    /// The value of the first column on the row with the latest date in the second (a later row wins a tie).
    case last(String, by: String)

    /// The names the rules file knows.
    static let names = ["sum(COL)", "count", "count_distinct(COL)", "avg(COL)", "min(COL)", "max(COL)", "last(COL by DATECOL)"]

    /// Parses `name(argument)`; nil when the text is not one of ``names``.
    static func parse(_ text: String) -> LedgerMeasure? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t == "count" || t == "count()" { return .count }
        guard let open = t.firstIndex(of: "("), t.hasSuffix(")") else { return nil }
        let name = t[..<open].trimmingCharacters(in: .whitespaces).lowercased()
        var argument = String(t[t.index(after: open)..<t.index(before: t.endIndex)]).trimmingCharacters(in: .whitespaces)
        func unquoted(_ s: String) -> String {
            let s = s.trimmingCharacters(in: .whitespaces)
            if s.count >= 2, let f = s.first, f == "\"" || f == "'", s.last == f { return String(s.dropFirst().dropLast()) }
            return s
        }
        if name == "last" {
            guard let by = argument.range(of: " by ", options: [.backwards, .caseInsensitive]) else { return nil }
            let value = unquoted(String(argument[..<by.lowerBound])), date = unquoted(String(argument[by.upperBound...]))
            guard !value.isEmpty, !date.isEmpty else { return nil }
            return .last(value, by: date)
        }
        argument = unquoted(argument)
        guard !argument.isEmpty else { return name == "count" ? .count : nil }
        switch name {
        case "sum": return .sum(argument)
        case "count_distinct", "countdistinct", "distinct": return .countDistinct(argument)
        case "avg", "average", "mean": return .average(argument)
        case "min": return .minimum(argument)
        case "max": return .maximum(argument)
        default: return nil
        }
    }

    /// The columns it reads.
    var columns: [String] {
        switch self {
        case .count: return []
        case .sum(let c), .countDistinct(let c), .average(let c), .minimum(let c), .maximum(let c): return [c]
        case .last(let c, let d): return [c, d]
        }
    }

    public var description: String {
        switch self {
        case .sum(let c): return "sum(\(c))"
        case .count: return "count"
        case .countDistinct(let c): return "count_distinct(\(c))"
        case .average(let c): return "avg(\(c))"
        case .minimum(let c): return "min(\(c))"
        case .maximum(let c): return "max(\(c))"
        case .last(let c, let d): return "last(\(c) by \(d))"
        }
    }
}
