import Foundation
import OKRCore
import SheetKit

/// A number read from a cell, with what the cell said about it.
struct ReadValue {
    var value: Double
    var unit: String?
    var comparator: OKRCore.Comparator?
    var isChange = false
}

extension ModelBuilder {
    /// Texts that mean "nothing here yet" rather than an unreadable value.
    static let blanks: Set<String> = ["", "-", "--", "—", "–", "?", "nvt", "n v t", "na", "n a", "tbd", "nog te bepalen", "a definir", "x"]

    /// A plain number from a cell (weights).
    func number(_ row: Row, _ field: OKRField) -> Double? {
        guard let c = cell(row, field) else { return nil }
        switch c.value {
        case .number(let d): return d
        case .text(let t): return parser.quantity(t)?.value
        default: return nil
        }
    }

    /// Reads a numeric field of a key result, reporting unreadable and ambiguous values at their cell.
    mutating func readValue(_ row: Row, _ field: OKRField) -> ReadValue? {
        guard let c = cell(row, field) else { return nil }
        let at = source(row: row.index, column: c.column)
        let header = self.header.headers[field] ?? field.rawValue
        switch c.value {
        case .empty:
            return nil
        case .number(let d):
            var unit: String?
            if let format = c.style?.numberFormat {
                if format.contains("%") { unit = "percent" } else if format.contains("€") || format.uppercased().contains("EUR") { unit = "currency:EUR" }
            }
            return ReadValue(value: d, unit: unit)
        case .text(let t):
            let trimmed = t.trimmingCharacters(in: .whitespacesAndNewlines)
            if ModelBuilder.blanks.contains(trimmed.folded) { return nil }
            guard let q = parser.quantity(trimmed) else {
                findings.append(Finding(.error, "value-unreadable", "\"\(trimmed)\" is not a number (column \"\(header)\")", source: at))
                return nil
            }
            if q.ambiguous {
                findings.append(Finding(.warning, "value-ambiguous",
                    "\"\(trimmed)\" could be read two ways; read as \(CellValue.numberText(q.value)) (column \"\(header)\"); "
                        + "set the locale in a mapping file to settle it", source: at))
            }
            return ReadValue(value: q.value, unit: q.unit, comparator: q.comparator, isChange: q.isChange)
        case .bool(let b):
            return ReadValue(value: b ? 1 : 0)
        case .date, .dateTime, .time, .duration, .error:
            findings.append(Finding(.error, "value-unreadable",
                "\"\(c.value.canonicalText)\" is not a number (column \"\(header)\")", source: at))
            return nil
        }
    }

    /// A deadline from a date cell, a date typed as text, or an Excel serial.
    mutating func readDeadline(_ row: Row) -> CivilDate? {
        guard let c = cell(row, .deadline) else { return nil }
        switch c.value {
        case .date(let d): return d
        case .dateTime(let dt): return dt.date
        case .number(let serial): return parser.date(serial: serial)
        case .text(let t):
            let trimmed = t.trimmingCharacters(in: .whitespacesAndNewlines)
            if ModelBuilder.blanks.contains(trimmed.folded) { return nil }
            if let d = parser.date(trimmed, reference: period, fiscalYearStartMonth: fiscalYearStart) { return d }
            findings.append(Finding(.error, "value-unreadable",
                "\"\(trimmed)\" is not a date (column \"\(header.headers[.deadline] ?? "deadline")\")",
                source: source(row: row.index, column: c.column)))
            return nil
        default:
            return nil
        }
    }

    mutating func readKeyResult(_ row: Row, title: String, objectiveIndex: Int) -> KeyResult {
        var kr = KeyResult(id: text(row, .id) ?? "", title: title)
        kr.source = source(row: row.index)
        kr.owner = text(row, .owner)
        if let w = number(row, .weight), w >= 0 { kr.weight = w }
        let unitText = text(row, .unit)
        var start = readValue(row, .start)
        var target = readValue(row, .target)
        var current: ReadValue?
        kr.deadline = readDeadline(row)

        // Percent consistency: "21" typed beside "18%" and "25%" means 21%.
        let currentCell = cell(row, .current)
        if case .text(let t)? = currentCell?.value, parser.quantity(t) == nil,
           !ModelBuilder.blanks.contains(t.folded) {
            // A word in the current column: a milestone's done / not done.
            kr.kind = .milestone
            current = ReadValue(value: DerivedFields.milestoneDone(t) ? 1 : 0)
        } else {
            current = readValue(row, .current)
        }
        let percentUnits = [start, target].compactMap { $0 }.filter { $0.unit == "percent" }
        if !percentUnits.isEmpty, percentUnits.allSatisfy({ abs($0.value) <= 1.5 }) {
            for field in [OKRField.start, .target, .current] {
                func fix(_ v: inout ReadValue?) {
                    guard var value = v, value.unit == nil, abs(value.value) > 1.5 else { return }
                    value.value /= 100
                    value.unit = "percent"
                    v = value
                    findings.append(Finding(.note, "value-percent-points",
                        "read \(CellValue.numberText(value.value * 100)) as \(CellValue.numberText(value.value * 100))% like the other values of this key result",
                        source: source(row: row.index, column: header.columns[field])))
                }
                switch field {
                case .start: fix(&start)
                case .target: fix(&target)
                default: if kr.kind == .metric { fix(&current) }
                }
            }
        }

        kr.start = start?.value
        if let target, target.isChange {
            kr.changePercent = target.value
        } else {
            kr.target = target?.value
        }
        if let change = readValue(row, .change) { kr.changePercent = change.value }
        kr.current = current?.value
        kr.comparator = target?.comparator
        if let c = text(row, .comparator) {
            kr.comparator = OKRCore.Comparator(rawValue: c.replacingOccurrences(of: "≥", with: ">=").replacingOccurrences(of: "≤", with: "<="))
        }
        if let k = text(row, .kind)?.folded {
            if ["milestone", "mijlpaal", "jalon"].contains(k) { kr.kind = .milestone }
            if ["metric", "meetwaarde", "indicateur"].contains(k) { kr.kind = .metric }
        }
        kr.unit = unitText.map(ModelBuilder.normalizedUnit) ?? target?.unit ?? start?.unit ?? current?.unit

        // What the columns leave open, the key result's own words may state.
        let facts = KeyResultSentence.parse(title, parser: parser, reference: period)
        var inferred: [String] = text(row, .inferred).map { $0.split(separator: " ").map(String.init) } ?? []
        func note(_ name: String) { if !inferred.contains(name) { inferred.append(name) } }
        let alreadyInferred = inferred.count
        if kr.start == nil, let s = facts.start { kr.start = s; note("start") }
        if kr.target == nil, kr.changePercent == nil {
            if let t = facts.target { kr.target = t; note("target") }
            else if let c = facts.changePercent { kr.changePercent = c; note("changePercent") }
        }
        if kr.comparator == nil, let c = facts.comparator, facts.target == nil || facts.target == kr.target {
            kr.comparator = c
            note("comparator")
        }
        if kr.deadline == nil, let d = facts.deadline { kr.deadline = d; note("deadline") }
        if kr.unit == nil, let u = facts.unit { kr.unit = u; note("unit") }
        if kr.kind == .metric, kr.target == nil, kr.changePercent == nil, facts.milestone {
            kr.kind = .milestone
        }
        kr.inferred = inferred
        if facts.ambiguous, inferred.count > alreadyInferred {
            findings.append(Finding(.warning, "value-ambiguous",
                "a number in \"\(title)\" could be read two ways; set the locale in a mapping file to settle it",
                source: source(row: row.index, column: header.columns[.keyResult])))
        }
        if inferred.count > alreadyInferred {
            findings.append(Finding(.note, "kr-inferred",
                "\(inferred[alreadyInferred...].joined(separator: ", ")) taken from the key result's wording \"\(title)\"",
                source: source(row: row.index, column: header.columns[.keyResult])))
        }

        if let statusText = text(row, .status) {
            if let reading = statusReader.read(statusText) {
                kr.reportedStatus = reading.status
                if let mark = reading.conflictingMark {
                    findings.append(Finding(.warning, "status-mark-conflict",
                        "\"\(statusText)\": the mark says \(mark.rawValue) but the word says \(reading.status.rawValue); the word wins",
                        source: source(row: row.index, column: header.columns[.status])))
                }
            } else {
                findings.append(Finding(.warning, "status-unreadable",
                    "\"\(statusText)\" is not a status okrsheet knows (column \"\(header.headers[.status] ?? "status")\")",
                    source: source(row: row.index, column: header.columns[.status])))
            }
        }
        return kr
    }

    /// A unit column's text in the model's terms: `%` → percent, `€`/`EUR` → currency:EUR, `dagen` → days.
    static func normalizedUnit(_ text: String) -> String {
        let folded = text.folded
        switch folded {
        case "%", "percent", "procent", "pourcentage", "pct": return "percent"
        case "€", "eur", "euro", "euros": return "currency:EUR"
        case "$", "usd", "dollar": return "currency:USD"
        case "aantal", "count", "nombre", "number", "stuks": return "count"
        case "dagen", "dag", "days", "day", "jours", "jour": return "days"
        case "uren", "uur", "hours", "hour", "heures", "heure", "u": return "hours"
        case "maanden", "maand", "months", "month", "mois": return "months"
        default: return text
        }
    }
}
