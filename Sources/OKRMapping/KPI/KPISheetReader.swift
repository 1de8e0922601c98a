import Foundation
import OKRCore
import SheetKit

/// Reads the KPIs of one KPI sheet, in the wide shape (one row per KPI, one column per period) or the long
/// shape (one row per KPI per period, with period and value columns), into ``KPI`` values with their
/// findings. The derived fields are left to ``KPIDerived``; links stay as written until
/// ``KPILinkResolver`` matches them to the model's key results.
struct KPISheetReader {
    let sheet: Sheet
    let header: KPIHeaderMatch
    let mapping: Mapping
    let file: String
    let parser: ValueParser
    /// The year of period headers that name none (`jan`, `Q1`, `W19`): from the sheet's title, else the
    /// reporting period, else the as-of date.
    let baseYear: Int
    /// The number of KPIs read before this sheet (ids `K1`, `K2`… continue across sheets).
    let firstNumber: Int
    /// The period the sheet's title (or name) states: `KPI-dashboard 2026` → 2026.
    let titlePeriod: Period?
    var findings: [Finding] = []
    /// Per KPI read, in the same order: the cell of each period's value, for `update` (``KPITable``).
    var valueCells: [[KPIPeriod: KPITable.Spot]] = []

    init(sheet: Sheet, header: KPIHeaderMatch, mapping: Mapping, file: String, options: ImportOptions,
         reportingPeriod: Period?, firstNumber: Int) {
        self.sheet = sheet
        self.header = header
        self.mapping = mapping
        self.file = file
        self.firstNumber = firstNumber
        let decimalComma: Bool? = mapping.locale.map { !$0.lowercased().hasPrefix("en") } ?? (header.language != "en")
        let fiscalYearStart = options.fiscalYearStart ?? mapping.fiscalYearStart
        parser = ValueParser(decimalComma: decimalComma, language: header.language, fiscalYearStartMonth: fiscalYearStart)
        var title: Period?
        for row in sheet.rows where row.index < header.row {
            for cell in row.cells {
                if case .text(let t) = cell.value, let p = PeriodParser.find(in: t, fiscalYearStartMonth: fiscalYearStart) {
                    title = title ?? p
                }
            }
        }
        title = title ?? PeriodParser.find(in: sheet.info.name, fiscalYearStartMonth: fiscalYearStart)
        titlePeriod = title
        baseYear = (title ?? options.period ?? reportingPeriod)?.start.year ?? (options.asOf ?? CivilDate.today()).year
    }

    // MARK: Cells

    func source(row: Int, column: Int? = nil) -> OKRSource {
        OKRSource(file: file, sheet: sheet.info.name, row: row + 1,
                  cell: column.map { CellReference(row: row, column: $0).description })
    }

    func cell(_ row: Row, _ field: KPIField) -> Cell? {
        guard let column = header.columns[field] else { return nil }
        return row.cells.first { $0.column == column }
    }

    func text(_ row: Row, _ field: KPIField) -> String? {
        guard let c = cell(row, field) else { return nil }
        let t = c.value.canonicalText.trimmingCharacters(in: .whitespacesAndNewlines)
        return t.isEmpty || ModelBuilder.blanks.contains(t.folded) ? nil : t
    }

    /// A number from a cell, as people type it; unreadable and ambiguous values are findings at their cell.
    mutating func quantity(_ c: Cell, row: Int, what: String) -> Quantity? {
        let at = source(row: row, column: c.column)
        switch c.value {
        case .empty:
            return nil
        case .number(let d):
            var unit: String?
            if let format = c.style?.numberFormat {
                if format.contains("%") { unit = "percent" } else if format.contains("€") || format.uppercased().contains("EUR") { unit = "currency:EUR" }
            }
            return Quantity(value: d, unit: unit)
        case .bool(let b):
            return Quantity(value: b ? 1 : 0)
        case .text(let t):
            let trimmed = t.trimmingCharacters(in: .whitespacesAndNewlines)
            if ModelBuilder.blanks.contains(trimmed.folded) { return nil }
            guard let q = parser.quantity(trimmed) else {
                findings.append(Finding(.error, "value-unreadable", "\"\(trimmed)\" is not a number (column \"\(what)\")", source: at))
                return nil
            }
            if q.ambiguous {
                findings.append(Finding(.warning, "value-ambiguous",
                    "\"\(trimmed)\" could be read two ways; read as \(CellValue.numberText(q.value)) (column \"\(what)\"); "
                        + "set the locale in a mapping file to settle it", source: at))
            }
            return q
        default:
            findings.append(Finding(.error, "value-unreadable", "\"\(c.value.canonicalText)\" is not a number (column \"\(what)\")", source: at))
            return nil
        }
    }

    /// A field's number (start, green, red), nil when empty.
    mutating func quantity(_ row: Row, _ field: KPIField) -> Quantity? {
        guard let c = cell(row, field) else { return nil }
        return quantity(c, row: row.index, what: header.headers[field] ?? field.rawValue)
    }

    // MARK: The sheet

    /// Reads every KPI of the sheet, in row order.
    mutating func read() -> [KPI] {
        var drafts: [Draft] = []
        var byKey: [String: Int] = [:]
        var lastKey: String?
        for row in sheet.rows where row.index > header.row {
            guard !row.cells.allSatisfy({ $0.value.isEmpty }) else { continue }
            let name = text(row, .name)
            let id = text(row, .id)
            if header.isLong {
                // The long shape may write a KPI's name once, above its rows.
                guard let key = (id ?? name?.folded) ?? lastKey else { continue }
                lastKey = key
                let index: Int
                if let existing = byKey[key] {
                    index = existing
                } else {
                    guard let name else { continue }
                    index = drafts.count
                    byKey[key] = index
                    drafts.append(Draft(name: name, row: row.index))
                }
                drafts[index].rows.append(row)
            } else {
                guard let name else { continue }
                var draft = Draft(name: name, row: row.index)
                draft.rows = [row]
                drafts.append(draft)
            }
        }
        var kpis: [KPI] = []
        for (n, draft) in drafts.enumerated() {
            kpis.append(build(draft, number: firstNumber + n + 1))
        }
        return kpis
    }

    /// The rows of one KPI: one in the wide shape, one per period in the long shape.
    struct Draft {
        var name: String
        var row: Int
        var rows: [Row] = []
    }

    /// The first non-empty text of a field over the KPI's rows.
    func text(_ draft: Draft, _ field: KPIField) -> (text: String, row: Row)? {
        for row in draft.rows {
            if let t = text(row, field) { return (t, row) }
        }
        return nil
    }

    mutating func quantity(_ draft: Draft, _ field: KPIField) -> Quantity? {
        for row in draft.rows where cell(row, field).map({ !$0.value.isEmpty }) == true {
            if let q = quantity(row, field) { return q }
        }
        return nil
    }

    mutating func build(_ draft: Draft, number: Int) -> KPI {
        var kpi = KPI(id: text(draft, .id)?.text ?? "K\(number)", name: draft.name)
        kpi.source = source(row: draft.row, column: header.columns[.name])
        kpi.owner = text(draft, .owner)?.text
        if let label = text(draft, .level)?.text {
            kpi.levelLabel = label
            kpi.level = mapping.level(for: label)
        }
        if let found = text(draft, .frequency) {
            kpi.frequencyLabel = found.text
            kpi.frequency = frequency(found.text)
            if kpi.frequency == nil {
                findings.append(Finding(.warning, "kpi-frequency-unknown",
                    "\"\(found.text)\" is not a frequency okrsheet knows (daily, weekly, monthly, quarterly, yearly)",
                    source: source(row: found.row.index, column: header.columns[.frequency])))
            }
        }
        if let links = text(draft, .links)?.text { kpi.links = KPILinkResolver.split(links) }

        // The numbers as written: start, target, limits, values.
        var start = quantity(draft, .start)
        var target: Quantity?
        var targetText: String?
        if let row = draft.rows.first(where: { cell($0, .target).map { !$0.value.isEmpty } == true }), let c = cell(row, .target) {
            if case .text(let t) = c.value, parser.quantity(t) == nil {
                let trimmed = t.trimmingCharacters(in: .whitespacesAndNewlines)
                // `van 150 naar 220 per maand`: a sentence that states the target.
                let facts = KeyResultSentence.parse(trimmed, parser: parser, reference: nil)
                if ModelBuilder.blanks.contains(trimmed.folded) {
                    target = nil
                } else if let value = facts.target {
                    target = Quantity(value: value, unit: facts.unit, comparator: facts.comparator)
                    if start == nil, let s = facts.start { start = Quantity(value: s, unit: facts.unit) }
                } else {
                    targetText = trimmed
                }
            } else {
                target = quantity(c, row: row.index, what: header.headers[.target] ?? "target")
            }
        }
        // What the columns leave open, the KPI's name may state: `NPS van 20 naar 30`, `CPA maximaal € 25`.
        if target == nil, targetText == nil {
            let facts = KeyResultSentence.parse(draft.name, parser: parser, reference: nil)
            if let value = facts.target, facts.start != nil || facts.comparator != nil {
                target = Quantity(value: value, unit: facts.unit, comparator: facts.comparator)
                var inferred = ["target"]
                if start == nil, let s = facts.start {
                    start = Quantity(value: s, unit: facts.unit)
                    inferred.insert("start", at: 0)
                }
                findings.append(Finding(.note, "kpi-inferred",
                    "\(inferred.joined(separator: " and ")) taken from the KPI's name \"\(draft.name)\"", source: kpi.source))
            }
        }
        var green = quantity(draft, .green)
        var red = quantity(draft, .red)
        var amber = amberRange(draft)
        var cells: [KPIPeriod: KPITable.Spot] = [:]
        var values = readValues(draft, kpiFrequency: kpi.frequency, cells: &cells)
        valueCells.append(cells)

        // Unit: the unit column, else what the numbers carry.
        let units = [target?.unit, start?.unit, green?.unit, red?.unit, amber?.unit] + values.map(\.unit)
        kpi.unit = text(draft, .unit).map { ModelBuilder.normalizedUnit($0.text) } ?? units.compactMap { $0 }.first
        if kpi.unit == "percent" {
            // `2,1` beside `2,1 %`, or under a `%` unit column: percentage points, stored as fractions.
            var plain = [start, target, green, red].compactMap { $0 }.filter { $0.unit == nil && !$0.isChange }.map(\.value)
            plain += values.filter { $0.unit == nil }.map(\.value)
            if let amber, amber.unit == nil { plain += [amber.low, amber.high] }
            if plain.contains(where: { abs($0) > 1.5 }) {
                func fix(_ q: inout Quantity?) {
                    guard var v = q, v.unit == nil, !v.isChange else { return }
                    v.value = KPISheetReader.fraction(ofPoints: v.value)
                    v.unit = "percent"
                    q = v
                }
                fix(&start)
                fix(&target)
                fix(&green)
                fix(&red)
                if let a = amber, a.unit == nil {
                    amber = (KPISheetReader.fraction(ofPoints: a.low), KPISheetReader.fraction(ofPoints: a.high), "percent")
                }
                for i in values.indices where values[i].unit == nil { values[i].value = KPISheetReader.fraction(ofPoints: values[i].value) }
                findings.append(Finding(.note, "value-percent-points",
                    "read the plain numbers of KPI \"\(kpi.name)\" as percentages, like its unit", source: kpi.source))
            }
        }
        kpi.start = start?.value
        kpi.targetText = targetText
        if let target {
            if target.isChange {
                kpi.target = kpi.start.map { $0 * (1 + target.value) }
                if kpi.target == nil { kpi.targetText = text(draft, .target)?.text }
            } else {
                kpi.target = target.value
            }
        }
        resolveLimits(&kpi, draft: draft, green: green, red: red, amber: amber, target: target)
        kpi.values = merge(values, kpi: kpi)
        return kpi
    }

    /// Words in a KPI's name that make lower better when nothing else tells (folded; nl, fr, en): costs,
    /// churn, waiting and lead times, complaints, errors, downtime, absenteeism, returns.
    static let lowerIsBetterWords: Set<String> = [
        "churn", "verloop", "klantverloop", "uitval", "uitvalpercentage", "kosten", "kost", "cpa", "cac", "cpl",
        "wachttijd", "doorlooptijd", "levertijd", "reactietijd", "klachten", "fouten", "productiefouten", "storingen",
        "stilstand", "machinestilstand", "verzuim", "ziekteverzuim", "retour", "retouren", "retourpercentage", "noshows",
        "uitschrijvingen", "uitschrijvingsgraad", "bugs",
        "cost", "costs", "attrition", "downtime", "complaints", "errors", "defects", "incidents", "returns", "absenteeism",
        "unsubscribes", "backlog", "wait", "waiting",
        "cout", "couts", "attente", "delai", "plaintes", "reclamations", "erreurs", "defauts", "pannes", "retours",
        "absenteisme", "desabonnements",
    ]

    /// Percentage points as a fraction, as the value parser reads `2,8%`: 2.8 → 0.028 (not 0.027999…).
    static func fraction(ofPoints points: Double) -> Double {
        Double(CellValue.numberText(points) + "e-2") ?? points / 100
    }

    /// Direction, then the green and red limits in that direction.
    ///
    /// The direction is the direction column's word, else what the limits say (`≥ 25` green or `< 20` red:
    /// higher; a green limit above the red one: higher), else the target's comparator (`≤ € 25`: lower),
    /// else a target below the start, else a decrease verb or a cost-like word in the name (`verlagen`,
    /// `reduce`, `churn`, `wachttijd`, `coût`: ``lowerIsBetterWords``), else higher.
    mutating func resolveLimits(_ kpi: inout KPI, draft: Draft, green: Quantity?, red: Quantity?,
                                amber: (low: Double, high: Double, unit: String?)?, target: Quantity?) {
        var direction: KPIDirection?
        if let found = text(draft, .direction) {
            direction = self.direction(found.text)
            if direction == nil {
                findings.append(Finding(.warning, "kpi-direction-unknown",
                    "\"\(found.text)\" does not say whether higher or lower is better; the direction is taken from the limits or the target",
                    source: source(row: found.row.index, column: header.columns[.direction])))
            }
        }
        if direction == nil, let c = green?.comparator { direction = c.wantsLow ? .lower : .higher }
        if direction == nil, let c = red?.comparator { direction = c.wantsLow ? .higher : .lower }
        if direction == nil, let g = green?.value, let r = red?.value, g != r { direction = g > r ? .higher : .lower }
        if direction == nil, let g = green?.value, let a = amber {
            if g >= a.high, g > a.low { direction = .higher } else if g <= a.low, g < a.high { direction = .lower }
        }
        if direction == nil, let r = red?.value, let a = amber {
            if r <= a.low, r < a.high { direction = .higher } else if r >= a.high, r > a.low { direction = .lower }
        }
        if direction == nil, let c = target?.comparator { direction = c.wantsLow ? .lower : .higher }
        if direction == nil, let s = kpi.start, let t = kpi.target, s != t { direction = t > s ? .higher : .lower }
        if direction == nil, kpi.name.foldedWords.contains(where: {
            DerivedFields.decreaseVerbs.contains(String($0)) || KPISheetReader.lowerIsBetterWords.contains(String($0))
        }) {
            direction = .lower
        }
        kpi.direction = direction ?? .higher
        var limits = KPILimits(green: green?.value, red: red?.value)
        if let amber {
            let better = kpi.direction == .higher ? max(amber.low, amber.high) : min(amber.low, amber.high)
            let worse = kpi.direction == .higher ? min(amber.low, amber.high) : max(amber.low, amber.high)
            if limits.green == nil { limits.green = better }
            if limits.red == nil { limits.red = worse }
        }
        kpi.limits = limits.green == nil && limits.red == nil ? nil : limits
    }

    /// The amber band: `20–25`, `20 - 25`, `20 tot 25`, `de 20 à 25`, `20..25`; a single number is both ends.
    mutating func amberRange(_ draft: Draft) -> (low: Double, high: Double, unit: String?)? {
        guard let row = draft.rows.first(where: { cell($0, .amber).map { !$0.value.isEmpty } == true }),
              let c = cell(row, .amber) else { return nil }
        let what = header.headers[.amber] ?? "amber"
        guard case .text(let t) = c.value else {
            return quantity(c, row: row.index, what: what).map { ($0.value, $0.value, $0.unit) }
        }
        let trimmed = t.trimmingCharacters(in: .whitespacesAndNewlines)
        if ModelBuilder.blanks.contains(trimmed.folded) { return nil }
        if let q = parser.quantity(trimmed) { return (q.value, q.value, q.unit) }
        for separator in ["–", "—", "..", " - ", " tot ", " to ", " à ", " a ", "-", "/"] {
            guard let r = trimmed.range(of: separator), r.lowerBound > trimmed.startIndex else { continue }
            var left = String(trimmed[..<r.lowerBound]).trimmingCharacters(in: .whitespaces)
            let right = String(trimmed[r.upperBound...]).trimmingCharacters(in: .whitespaces)
            for word in ["van ", "de ", "from ", "tussen ", "entre ", "between "] where left.lowercased().hasPrefix(word) {
                left = String(left.dropFirst(word.count))
            }
            guard let a = parser.quantity(left), let b = parser.quantity(right) else { continue }
            // `2–2,5%`: a percent sign on one end counts for both.
            let unit = a.unit ?? b.unit
            let low = unit == "percent" && a.unit == nil ? KPISheetReader.fraction(ofPoints: a.value) : a.value
            let high = unit == "percent" && b.unit == nil ? KPISheetReader.fraction(ofPoints: b.value) : b.value
            return (min(low, high), max(low, high), unit)
        }
        findings.append(Finding(.error, "value-unreadable", "\"\(trimmed)\" is not a number or a range such as 20–25 (column \"\(what)\")",
                                source: source(row: row.index, column: c.column)))
        return nil
    }

    // MARK: Values

    struct ReadValue {
        var period: KPIPeriod
        var value: Double
        var unit: String?
        var at: OKRSource
    }

    /// The values of one KPI: from the period columns (wide) or the period and value columns (long).
    ///
    /// - Parameter cells: receives, per period, the cell that holds its value or would hold it: in the wide
    ///   shape the KPI's row under each period column, in the long shape the value cell of each row whose
    ///   period reads (the later row, like the value, when two name one period).
    mutating func readValues(_ draft: Draft, kpiFrequency: KPIFrequency?, cells: inout [KPIPeriod: KPITable.Spot]) -> [ReadValue] {
        var out: [ReadValue] = []
        if header.isLong {
            var resolver = YearResolver(baseYear: baseYear)
            for row in draft.rows {
                guard let pc = cell(row, .period), !pc.value.isEmpty else {
                    if cell(row, .value).map({ !$0.value.isEmpty }) == true {
                        findings.append(Finding(.warning, "kpi-value-without-period",
                            "a value of KPI \"\(draft.name)\" has no period; it is skipped", source: source(row: row.index, column: header.columns[.period])))
                    }
                    continue
                }
                guard let periodHeader = KPIPeriodHeader.read(pc.value) ?? serialDate(pc.value) else {
                    findings.append(Finding(.error, "kpi-period-unreadable",
                        "\"\(pc.value.canonicalText)\" is not a period such as 2026-05, mei 2026, Q2 2026, 2026-W19 or a date",
                        source: source(row: row.index, column: pc.column)))
                    continue
                }
                let kind = kpiFrequency?.periodKind ?? hintedKind()
                guard let period = resolver.resolve(periodHeader, dateKind: kind) else { continue }
                if let column = header.columns[.value] { cells[period] = KPITable.Spot(row: row.index, column: column) }
                guard let vc = cell(row, .value), let q = quantity(vc, row: row.index, what: header.headers[.value] ?? "value") else { continue }
                out.append(ReadValue(period: period, value: q.value, unit: q.unit, at: source(row: row.index, column: vc.column)))
            }
        } else {
            let row = draft.rows[0]
            for (column, period) in widePeriods {
                cells[period] = KPITable.Spot(row: row.index, column: column)
                guard let c = row.cells.first(where: { $0.column == column }), !c.value.isEmpty else { continue }
                let text = header.periodColumns.first { $0.column == column }?.text ?? period.description
                guard let q = quantity(c, row: row.index, what: text) else { continue }
                out.append(ReadValue(period: period, value: q.value, unit: q.unit, at: source(row: row.index, column: c.column)))
            }
        }
        return out
    }

    /// An Excel serial in a period cell (a date column typed as numbers).
    func serialDate(_ value: CellValue) -> KPIPeriodHeader? {
        guard case .number(let n) = value, let d = parser.date(serial: n) else { return nil }
        return .date(d)
    }

    /// The kind a date in the long shape's period column stands for, from that column's header: `Maand`
    /// → month, `Week` → week, `Kwartaal` → quarter, `Jaar` → year, else day.
    func hintedKind() -> KPIPeriod.Kind {
        let words = Set((header.headers[.period] ?? "").foldedWords.map(String.init))
        if !words.isDisjoint(with: ["maand", "mois", "month", "maanden", "months"]) { return .month }
        if !words.isDisjoint(with: ["week", "semaine", "wk", "weeks"]) { return .week }
        if !words.isDisjoint(with: ["kwartaal", "trimestre", "quarter"]) { return .quarter }
        if !words.isDisjoint(with: ["jaar", "annee", "year"]) { return .year }
        return .day
    }

    /// The period of each period column of the wide shape, years filled in; computed once per sheet.
    var widePeriods: [(column: Int, period: KPIPeriod)] {
        let dates = header.periodColumns.compactMap { pc -> CivilDate? in
            if case .date(let d) = pc.header { return d }
            return nil
        }
        let dateKind = KPISheetReader.kind(ofDateHeaders: dates)
        var resolver = YearResolver(baseYear: baseYear)
        return header.periodColumns.compactMap { pc in
            resolver.resolve(pc.header, dateKind: dateKind).map { (pc.column, $0) }
        }
    }

    /// What a row of date headers stands for: months when every date is the first (or every date the last)
    /// day of a different month, weeks when they are 7 days apart, else days.
    static func kind(ofDateHeaders dates: [CivilDate]) -> KPIPeriod.Kind {
        guard !dates.isEmpty else { return .day }
        let months = Set(dates.map { $0.year * 12 + $0.month })
        let firsts = dates.allSatisfy { $0.day == 1 }
        let lasts = dates.allSatisfy { $0.day == CivilDate.daysIn(month: $0.month, year: $0.year) }
        if (firsts || lasts), months.count == dates.count, dates.count > 1 || firsts { return .month }
        let sorted = dates.map(\.daysSinceEpoch).sorted()
        if sorted.count > 1, zip(sorted, sorted.dropFirst()).allSatisfy({ ($1 - $0) % 7 == 0 && $1 > $0 }) { return .week }
        return .day
    }

    /// Keeps one value per period (the last one written, with a warning), in period order.
    mutating func merge(_ values: [ReadValue], kpi: KPI) -> [KPIValue] {
        var byPeriod: [KPIPeriod: ReadValue] = [:]
        for v in values {
            if byPeriod[v.period] != nil {
                findings.append(Finding(.warning, "kpi-duplicate-period",
                    "KPI \"\(kpi.name)\" has two values for \(v.period); the later one (\(CellValue.numberText(v.value))) is kept",
                    source: v.at))
            }
            byPeriod[v.period] = v
        }
        return byPeriod.values.map { KPIValue(period: $0.period, value: $0.value) }.sorted { $0.period < $1.period }
    }

    // MARK: Words

    func frequency(_ text: String) -> KPIFrequency? {
        let folded = text.folded
        var best: (KPIFrequency, Int)?
        for vocabulary in mapping.vocabularies + Mapping.auto.vocabularies {
            for (frequency, words) in vocabulary.kpiFrequencies {
                for word in words {
                    let w = word.folded
                    if w == folded { return frequency }
                    if folded.hasPrefix(w + " "), best.map({ w.count > $0.1 }) ?? true { best = (frequency, w.count) }
                }
            }
        }
        return best?.0
    }

    func direction(_ text: String) -> KPIDirection? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if ["↑", "▲", "⬆", "+", ">", "≥", ">=", "↗"].contains(trimmed) { return .higher }
        if ["↓", "▼", "⬇", "-", "−", "<", "≤", "<=", "↘"].contains(trimmed) { return .lower }
        let folded = text.folded
        var best: (KPIDirection, Int)?
        for vocabulary in mapping.vocabularies + Mapping.auto.vocabularies {
            for (direction, words) in vocabulary.kpiDirections {
                for word in words {
                    let w = word.folded
                    if w == folded { return direction }
                    if folded.hasPrefix(w + " "), best.map({ w.count > $0.1 }) ?? true { best = (direction, w.count) }
                }
            }
        }
        return best?.0
    }
}

/// Fills in the year of period headers that name none, in the order they come: `jan … dec jan` counts
/// on into the next year, as does `Q4 Q1`.
struct YearResolver {
    var year: Int
    var lastMonth = 0
    var lastQuarter = 0
    var lastWeek = 0

    init(baseYear: Int) {
        year = baseYear
    }

    mutating func resolve(_ header: KPIPeriodHeader, dateKind: KPIPeriod.Kind) -> KPIPeriod? {
        switch header {
        case .period(let p):
            year = p.start.year
            switch p {
            case .month(_, let m): lastMonth = m
            case .quarter(_, let q): lastQuarter = q
            case .week(let y, let w): year = y; lastWeek = w
            default: break
            }
            return p
        case .date(let d):
            return .containing(d, kind: dateKind)
        case .month(let m):
            if m < lastMonth { year += 1 }
            lastMonth = m
            return .month(year: year, month: m)
        case .quarter(let q):
            if q < lastQuarter { year += 1 }
            lastQuarter = q
            return .quarter(year: year, quarter: q)
        case .week(let w):
            if w < lastWeek { year += 1 }
            lastWeek = w
            guard w <= KPIPeriod.weeksIn(year) else { return nil }
            return .week(year: year, week: w)
        }
    }
}
