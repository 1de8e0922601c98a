import CSVAdapter
import Foundation
import OKRCore
import SheetKit
import Yams

/// A finance rules file (DESIGN.md, "Finance rules files"): how to read the export, the period, and one
/// rule per key result (or KPI) to update.
///
/// ```yaml
/// source: {delimiter: auto, decimal: auto, encoding: auto, header_row: auto, on_error: fail}
/// period: 2026-Q2
/// updates:
///   - key_result: "Kwartaalomzet"
///     measure: sum(Bedrag)
///     scale: 0.001
///     where:
///       Grootboekrekening: {between: [8000, 8099]}
///       Datum: {in_period: true}
///       not: {Kostenplaats: {equals: "KP99"}}
///   - kpi: "Omzet per maand"             # a KPI instead: one value per period
///     per: month                           # day | week | month | quarter | year; default: the KPI's frequency
///     date: Datum                          # the column that dates a row; default: the in_period column
///     measure: sum(Bedrag)
///     where:
///       Grootboekrekening: {between: [8000, 8099]}
///       Datum: {in_period: true}
/// ```
///
/// Every mistake is a ``SheetError`` at its line (`rules.yaml:14: error: …`).
public struct RulesFile: Sendable {
    /// The file's name, for messages.
    public var file: String
    public var source = LedgerSource()
    /// The `period:` of the file; `--period` wins over it, and it wins over the template's own.
    public var period: Period?
    public var rules: [LedgerRule] = []

    public init(file: String) {
        self.file = file
    }

    static let topKeys = ["source", "period", "updates"]
    static let sourceKeys = ["delimiter", "decimal", "encoding", "header_row", "on_error", "sheet"]
    static let ruleKeys = ["key_result", "measure", "scale", "where", "kpi", "per", "date"]
    /// The words `per:` takes.
    static let perWords: [String: KPIPeriod.Kind] = [
        "day": .day, "daily": .day, "week": .week, "weekly": .week, "month": .month, "monthly": .month,
        "quarter": .quarter, "quarterly": .quarter, "year": .year, "yearly": .year,
    ]
    static let operators = ["equals", "in", "between", "starts_with", "contains", "not", "in_period"]

    /// Reads a rules file.
    ///
    /// - Parameter fiscalYearStartMonth: the first month of the fiscal year, for `period: Q1 2026`.
    /// - Throws: ``SheetError`` when the file cannot be read, or at the line of the first mistake.
    public static func load(path: String, fiscalYearStartMonth: Int = 1) throws -> RulesFile {
        let bytes = try readSmallFile(path, what: "rules file")
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw SheetError.malformed(SourceLocation(file: path), "the rules file is not UTF-8 text")
        }
        return try parse(text: text, file: path, fiscalYearStartMonth: fiscalYearStartMonth)
    }

    /// Parses the text of a rules file.
    ///
    /// - Throws: ``SheetError/malformed(_:_:)`` at the line of the first mistake.
    public static func parse(text: String, file: String, fiscalYearStartMonth: Int = 1) throws -> RulesFile {
        let doc = try YAMLDocument(text: text, file: file)
        var rules = RulesFile(file: file)
        let top = try doc.pairs(doc.root, what: "a rules file")
        var sawUpdates = false
        for (key, keyNode, value) in top {
            switch key {
            case "source":
                rules.source = try parseSource(value, doc: doc)
            case "period":
                let text = try doc.string(value, what: "period")
                guard let p = PeriodParser.parse(text, fiscalYearStartMonth: fiscalYearStartMonth) else {
                    throw doc.error(value, "period \"\(text)\" is not a period: write 2026-Q2, Q2 2026, K2 2026, T2 2026, 2026-05, 2026 or YYYY-MM-DD..YYYY-MM-DD")
                }
                rules.period = p
            case "updates":
                sawUpdates = true
                guard case .sequence(let list) = value else {
                    throw doc.error(value, "updates should be a list of rules, each starting with \"- key_result: …\" or \"- kpi: …\"")
                }
                for item in list { rules.rules.append(try parseRule(item, doc: doc)) }
            default:
                throw doc.unknownKey(keyNode, key, known: topKeys, in: "a rules file")
            }
        }
        guard sawUpdates, !rules.rules.isEmpty else {
            throw doc.error(doc.root, "the rules file has no rules: add an \"updates:\" list with at least one \"- key_result: …\" or \"- kpi: …\"")
        }
        return rules
    }

    static func line(_ node: Node) -> Int { node.mark?.line ?? 1 }

    static func parseSource(_ node: Node, doc: YAMLDocument) throws -> LedgerSource {
        var source = LedgerSource()
        for (key, keyNode, value) in try doc.pairs(node, what: "source") {
            let text = try doc.string(value, what: "source.\(key)")
            let auto = text.lowercased() == "auto"
            switch key {
            case "delimiter":
                guard !auto else { continue }
                switch text.lowercased() {
                case "tab", "\\t", "\t": source.delimiter = 9
                case "comma": source.delimiter = 44
                case "semicolon": source.delimiter = 59
                case "pipe": source.delimiter = 124
                default:
                    let bytes = Array(text.utf8)
                    guard bytes.count == 1, ![0, 10, 13, 34].contains(bytes[0]) else {
                        throw doc.error(value, "source.delimiter should be auto or one character such as ; , | or tab")
                    }
                    source.delimiter = bytes[0]
                }
            case "decimal":
                switch text.lowercased() {
                case "auto": source.decimal = .auto
                case "comma", ",": source.decimal = .comma
                case "point", "dot", ".": source.decimal = .point
                default: throw doc.error(value, "source.decimal should be auto, comma or point")
                }
            case "encoding":
                guard !auto else { continue }
                guard let e = TextEncoding(name: text) else {
                    throw doc.error(value, "source.encoding \"\(text)\" is not one okrsheet reads: utf-8, windows-1252, utf-16le, utf-16be")
                }
                source.encoding = e
            case "header_row":
                source.headerRow = auto ? nil : try doc.int(value, what: "source.header_row", in: 1...CellReference.maxRows)
            case "on_error":
                guard let e = LedgerSource.OnError(rawValue: text.lowercased()) else {
                    throw doc.error(value, "source.on_error should be fail or skip")
                }
                source.onError = e
            case "sheet":
                source.sheet = auto ? nil : text
            default:
                throw doc.unknownKey(keyNode, key, known: sourceKeys, in: "source")
            }
        }
        return source
    }

    static func parseRule(_ node: Node, doc: YAMLDocument) throws -> LedgerRule {
        let pairs = try doc.pairs(node, what: "a rule")
        var keyResult: String?
        var kpi: (name: String, node: Node)?
        var per: (kind: KPIPeriod.Kind, node: Node)?
        var date: (column: String, node: Node)?
        var measure: (LedgerMeasure, Int)?
        var scale: Double?
        var filter = LedgerFilter.all([])
        for (key, keyNode, value) in pairs {
            switch key {
            case "key_result":
                let text = try doc.string(value, what: "key_result").trimmingCharacters(in: .whitespaces)
                guard !text.isEmpty else { throw doc.error(value, "key_result is empty: name the key result by its id or title") }
                keyResult = text
            case "kpi":
                let text = try doc.string(value, what: "kpi").trimmingCharacters(in: .whitespaces)
                guard !text.isEmpty else { throw doc.error(value, "kpi is empty: name the KPI by its id or name") }
                kpi = (text, value)
            case "per":
                let text = try doc.string(value, what: "per").trimmingCharacters(in: .whitespaces).lowercased()
                guard let kind = perWords[text] else {
                    throw doc.error(value, "per \"\(text)\" is not a period: write month, week or quarter (or day, year)")
                }
                per = (kind, value)
            case "date":
                let text = try doc.string(value, what: "date").trimmingCharacters(in: .whitespaces)
                guard !text.isEmpty else { throw doc.error(value, "date is empty: name the export's date column, such as Datum") }
                date = (text, keyNode)
            case "measure":
                let text = try doc.string(value, what: "measure")
                guard let m = LedgerMeasure.parse(text) else {
                    throw doc.error(value, "measure \"\(text)\" is not one of \(LedgerMeasure.names.joined(separator: ", "))")
                }
                measure = (m, line(value))
            case "scale":
                let s = try doc.double(value, what: "scale")
                guard s != 0 else { throw doc.error(value, "scale 0 would turn every result into 0") }
                scale = s
            case "where":
                filter = try parseWhere(value, doc: doc)
            default:
                throw doc.unknownKey(keyNode, key, known: ruleKeys, in: "a rule")
            }
        }
        if let kpi, keyResult != nil {
            throw doc.error(kpi.node, "this rule names both a key_result and a kpi: a rule updates one of them; write two rules")
        }
        if kpi == nil, let extra = per?.node ?? date?.node {
            throw doc.error(extra, "per and date belong to a kpi rule, which fills one value per period; a key_result gets one value")
        }
        guard let name = keyResult ?? kpi?.name else {
            throw doc.error(node, "this rule has no key_result: say which key result it updates (or which kpi it fills)")
        }
        guard let measure else {
            throw doc.error(node, "the rule for \"\(name)\" has no measure: add one of \(LedgerMeasure.names.joined(separator: ", "))")
        }
        let perPeriod = kpi.map { _ in
            LedgerRule.PerPeriod(per: per?.kind, date: date?.column, dateLine: date.map { line($0.node) } ?? line(node))
        }
        return LedgerRule(keyResult: name, measure: measure.0, scale: scale, filter: filter, line: line(node), measureLine: measure.1,
                          kpi: perPeriod)
    }

    /// A `where:` map: column → condition, and `not: {…}`.
    static func parseWhere(_ node: Node, doc: YAMLDocument) throws -> LedgerFilter {
        var list: [LedgerFilter] = []
        for (key, keyNode, value) in try doc.pairs(node, what: "where") {
            if key == "not" {
                list.append(.not(try parseWhere(value, doc: doc)))
            } else {
                list.append(try parseCondition(column: key, line: line(keyNode), value, doc: doc))
            }
        }
        return list.count == 1 ? list[0] : .all(list)
    }

    /// A column's condition: `{between: [8000, 8099]}`, several operators, a plain value (equals) or a
    /// list (in).
    static func parseCondition(column: String, line: Int, _ node: Node, doc: YAMLDocument) throws -> LedgerFilter {
        switch node {
        case .scalar(let s):
            return .test(column: column, line: line, .oneOf([s.string]))
        case .sequence:
            return .test(column: column, line: line, .oneOf(try doc.strings(node, what: column)))
        default:
            break
        }
        var list: [LedgerFilter] = []
        for (op, opNode, value) in try doc.pairs(node, what: "the condition on \"\(column)\"") {
            let at = RulesFile.line(opNode)
            switch op {
            case "equals":
                list.append(.test(column: column, line: at, .oneOf([try doc.string(value, what: "equals")])))
            case "in":
                let values = try doc.strings(value, what: "in")
                guard !values.isEmpty else { throw doc.error(value, "in should list at least one value, such as [KP01, KP02]") }
                list.append(.test(column: column, line: at, .oneOf(values)))
            case "starts_with":
                list.append(.test(column: column, line: at, .startsWith(try nonEmpty(value, "starts_with", doc))))
            case "contains":
                list.append(.test(column: column, line: at, .contains(try nonEmpty(value, "contains", doc))))
            case "between":
                list.append(.test(column: column, line: at, try between(value, doc: doc)))
            case "in_period":
                let text = try doc.string(value, what: "in_period").lowercased()
                guard let flag = ["true": true, "yes": true, "ja": true, "oui": true, "false": false, "no": false, "nee": false, "non": false][text] else {
                    throw doc.error(value, "in_period should be true or false")
                }
                list.append(.test(column: column, line: at, .inPeriod(flag)))
            case "not":
                list.append(.not(try parseCondition(column: column, line: at, value, doc: doc)))
            default:
                throw doc.error(opNode, "unknown condition \"\(op)\" on column \"\(column)\"; known: \(operators.joined(separator: ", "))")
            }
        }
        guard !list.isEmpty else { throw doc.error(node, "the condition on \"\(column)\" is empty") }
        return list.count == 1 ? list[0] : .all(list)
    }

    static func nonEmpty(_ node: Node, _ what: String, _ doc: YAMLDocument) throws -> [String] {
        let values = try doc.strings(node, what: what).filter { !$0.isEmpty }
        guard !values.isEmpty else { throw doc.error(node, "\(what) needs a text") }
        return values
    }

    /// `[8000, 8099]`, `[2026-04-01, 2026-06-30]` or `[KP01, KP09]`.
    static func between(_ node: Node, doc: YAMLDocument) throws -> LedgerTest {
        let bounds = try doc.strings(node, what: "between")
        guard bounds.count == 2 else {
            throw doc.error(node, "between needs two bounds, such as [8000, 8099] or [2026-04-01, 2026-06-30]")
        }
        if let lo = LedgerValueReader.plainNumber(bounds[0]), let hi = LedgerValueReader.plainNumber(bounds[1]) {
            guard lo <= hi else { throw doc.error(node, "between [\(bounds[0]), \(bounds[1])]: the first bound is above the second") }
            return .numberBetween(lo, hi)
        }
        if let lo = LedgerValueReader.day(text: bounds[0]), let hi = LedgerValueReader.day(text: bounds[1]) {
            guard lo <= hi else { throw doc.error(node, "between [\(bounds[0]), \(bounds[1])]: the first date is after the second") }
            return .dateBetween(lo, hi)
        }
        if LedgerValueReader.plainNumber(bounds[0]) != nil || LedgerValueReader.plainNumber(bounds[1]) != nil
            || LedgerValueReader.day(text: bounds[0]) != nil || LedgerValueReader.day(text: bounds[1]) != nil {
            throw doc.error(node, "between [\(bounds[0]), \(bounds[1])] mixes kinds: give two numbers, two dates or two texts")
        }
        guard bounds[0] <= bounds[1] else { throw doc.error(node, "between [\(bounds[0]), \(bounds[1])]: the first bound sorts after the second") }
        return .textBetween(bounds[0], bounds[1])
    }
}
