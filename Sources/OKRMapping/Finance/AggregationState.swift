import Foundation
import OKRCore
import SheetKit

/// The state of one run: header search, slots, compiled conditions, accumulators.
struct AggregationState {
    let aggregator: LedgerAggregator
    let file: String
    var fallback: LedgerValueReader.Convention = .comma
    var result: LedgerResult
    var header: [String]?
    var firstNonEmpty: (texts: [String], index: Int)?
    var slots: [LedgerSlot] = []
    var slotNames: [String] = []
    var program = FilterProgram()
    /// Per rule: the root node of its condition.
    var roots: [Int] = []
    var measures: [MeasurePlan] = []
    /// Per rule, then per period of each `kpi:` rule (from its ``MeasurePlan/bucketBase`` on).
    var accumulators: [LedgerAccumulator] = []
    /// Per `kpi:` rule, the periods of ``accumulators`` from its base on.
    var buckets: [Int: [KPIPeriod]] = [:]
    /// Per `count_distinct` accumulator: the values seen.
    var distinct: [Int: Set<[UInt8]>] = [:]
    let arena = LedgerByteArena()
    /// The cells of the row being read (a row at a time), once bound.
    var rowCells: LedgerCellStore?
    /// ``accumulators`` in fixed memory once bound: the hot loop adds to them through a pointer.
    var accumulatorStore: LedgerAccumulatorStore?
    /// The rules found by the number their gates test, when several test one column with disjoint ranges.
    var gateIndex: LedgerGateIndex?
    /// The program, roots and measures in fixed memory once bound.
    var frozen: FrozenFilterProgram?
    var frozenPlans: FrozenPlans?
    var rootPointer = UnsafeBufferPointer<Int>(start: nil, count: 0)
    var measurePointer = UnsafeBufferPointer<MeasurePlan>(start: nil, count: 0)
    var dayPointer = UnsafeBufferPointer<Int32>(start: nil, count: 0)

    init(aggregator: LedgerAggregator, file: String) {
        self.aggregator = aggregator
        self.file = file
        result = LedgerResult(values: [], matchedRows: [])
    }

    /// Every column name the rules use.
    var referencedColumns: [String] {
        var names: [String] = []
        for rule in aggregator.rules {
            let date = rule.dateColumn.map { [$0.name] } ?? []
            for c in rule.measure.columns + rule.filter.columns.map(\.name) + date where !names.contains(c) { names.append(c) }
        }
        return names
    }

    /// Consumes one row read in file order: the header search, then the row's cells and the rules.
    mutating func consume(_ row: some LedgerRow, index: Int) throws {
        guard header != nil else {
            try findHeader(row, index: index)
            return
        }
        if row.isBlank { return }
        result.rowsRead += 1
        arena.reset()
        guard let cells = rowCells?.pointer.baseAddress else { return }
        var failed = -1
        let arena = self.arena
        slots.withUnsafeMutableBufferPointer { slots in
            for s in slots.indices {
                row.fill(&slots[s], into: &cells[s], arena: arena)
                if failed < 0, cells[s].failure != .none { failed = s }
            }
        }
        if failed >= 0 {
            let column = slots[failed].column
            try reportBadCell(location: row.location(column: column), text: row.text(column: column), slot: failed, failure: cells[failed].failure)
            return
        }
        guard let view = frozen?.view, let totals = accumulatorStore?.pointer.baseAddress else { return }
        evaluate(cells, arena: arena, view: view, totals: totals, gates: gateIndex?.lookup)
    }

    /// A bad cell of a row read ahead, to be located by reading the export again up to its record.
    struct UnlocatedCell {
        var record: Int
        var column: Int
        var slot: Int
        var failure: LedgerSlot.Failure
        var text: String
    }

    /// Consumes a batch of rows read ahead by a ``LedgerPipeline`` (after the header), in file order: the
    /// same as ``consume(_:index:)`` row by row, except that a bad cell's location is left to be found
    /// later (``UnlocatedCell``).
    ///
    /// - Returns: with `on_error: fail`, the first bad cell: the caller locates it and throws (rows after
    ///   it are not consumed); nil otherwise. With `on_error: skip`, a listed skipped row is added to
    ///   `unlocated` (its diagnostic at the same index in `result.skipped`, location to be filled in).
    mutating func consume(_ batch: LedgerBatch, unlocated: inout [UnlocatedCell]) -> UnlocatedCell? {
        guard let view = frozen?.view, let cells = rowCells?.pointer.baseAddress, let totals = accumulatorStore?.pointer.baseAddress else { return nil }
        let gates = gateIndex?.lookup
        let rows = batch.rows
        let width = rows.width, arena = self.arena, spans = rows.spans, base = rows.bytes
        let skip = aggregator.source.onError == .skip
        for row in 0..<rows.count {
            result.rowsRead += 1
            arena.reset()
            var failed = -1
            let fields = spans + row * width
            slots.withUnsafeMutableBufferPointer { slots in
                for s in 0..<width {
                    slots[s].read(UnsafeRawBufferPointer(start: base + fields[s].start, count: fields[s].count), into: &cells[s], arena: arena)
                    if failed < 0, cells[s].failure != .none { failed = s }
                }
            }
            if failed >= 0 {
                let bad = UnlocatedCell(record: rows.records[row], column: slots[failed].column, slot: failed, failure: cells[failed].failure,
                                        text: String(decoding: rows.field(row, failed), as: UTF8.self))
                guard skip else { return bad }
                result.skippedRows += 1
                if result.skipped.count < LedgerAggregator.maxSkippedListed {
                    result.skipped.append(Diagnostic(.warning, SourceLocation(file: file), badCellMessage(text: bad.text, slot: failed, failure: bad.failure) + "; row skipped"))
                    unlocated.append(bad)
                }
                continue
            }
            evaluate(cells, arena: arena, view: view, totals: totals, gates: gates)
        }
        return nil
    }

    /// Applies every rule to one row's cells: with a ``LedgerGateIndex``, the one rule whose number range
    /// holds the row's number (found by bisection) and the rules it does not index; else every rule.
    @inline(__always)
    mutating func evaluate(_ cells: UnsafeMutablePointer<LedgerCell>, arena: LedgerByteArena, view: FilterProgram.View,
                           totals: UnsafeMutablePointer<LedgerAccumulator>, gates: LedgerGateIndex.Lookup?) {
        if let index = gates {
            let gate = cells[index.slot]
            if gate.hasNumber, let r = index.rule(for: gate.number) { apply(r, cells, arena: arena, view: view, totals: totals) }
            for r in index.others { apply(r, cells, arena: arena, view: view, totals: totals) }
        } else {
            for r in 0..<rootPointer.count { apply(r, cells, arena: arena, view: view, totals: totals) }
        }
    }

    /// Applies rule `r` to one row's cells.
    @inline(__always)
    mutating func apply(_ r: Int, _ cells: UnsafeMutablePointer<LedgerCell>, arena: LedgerByteArena, view: FilterProgram.View,
                        totals: UnsafeMutablePointer<LedgerAccumulator>) {
        let roots = rootPointer, measures = measurePointer, days = dayPointer
        let m = measures[r]
        // A kpi: rule adds up per period: the row's date picks the accumulator.
        var a = r
        if m.bucketDate >= 0 {
            let date = cells[m.bucketDate]
            guard date.hasDay else { return }
            let offset = date.day - m.bucketFirstDay
            guard offset >= 0, offset < m.bucketSpan else { return }
            let bucket = Int(days[m.bucketTable + offset])
            guard bucket >= 0 else { return }
            a = m.bucketBase + bucket
            totals[a].dated += 1
        }
        if m.gateSlot >= 0 {
            let gate = cells[m.gateSlot]
            guard gate.hasNumber, gate.number >= m.gateLow, gate.number <= m.gateHigh else { return }
        }
        guard view.holdsAtRoot(roots[r], cells, arena) else { return }
        totals[a].rows += 1
        switch m.kind {
        case .count:
            break
        case .number:
            let cell = cells[m.value]
            if cell.hasNumber { totals[a].add(cell.number, micros: cell.hasMicros ? cell.micros : nil) }
        case .distinct:
            let cell = cells[m.value]
            if !cell.isEmpty { distinct[a, default: []].insert(Array(arena.bytes(cell.textStart, cell.textCount))) }
        case .last:
            let value = cells[m.value], date = cells[m.date]
            if value.hasNumber, date.hasDay, date.day >= totals[a].lastDay {
                totals[a].lastDay = date.day
                totals[a].hasLast = true
                totals[a].last = value.number
            }
        }
    }

    /// Fails at a cell that does not parse, or (with `on_error: skip`) counts and lists its row.
    mutating func reportBadCell(location: SourceLocation, text: String, slot s: Int, failure: LedgerSlot.Failure) throws {
        let message = badCellMessage(text: text, slot: s, failure: failure)
        guard aggregator.source.onError == .skip else {
            throw SheetError.malformed(location, message + "; correct the export, or add \"source: {on_error: skip}\" to \(aggregator.rulesFile) to leave such rows out")
        }
        result.skippedRows += 1
        if result.skipped.count < LedgerAggregator.maxSkippedListed {
            result.skipped.append(Diagnostic(.warning, location, message + "; row skipped"))
        }
    }

    /// What is wrong with a cell, for an error or a skipped row.
    func badCellMessage(text: String, slot s: Int, failure: LedgerSlot.Failure) -> String {
        let what = failure == .date ? "a date" : "an amount"
        return "\"\(text.trimmingCharacters(in: .whitespaces))\" is not \(what) (column \"\(slotNames[s])\")"
    }

    /// Looks for the header among the top rows: the fixed `header_row`, else the first row naming every
    /// column the rules use.
    mutating func findHeader(_ row: some LedgerRow, index: Int) throws {
        let texts = row.texts().map { $0.trimmingCharacters(in: .whitespaces) }
        let nonEmpty = texts.contains { !$0.isEmpty }
        if let fixed = aggregator.source.headerRow {
            guard index == fixed - 1 else { return }
            try bind(texts, index: index)
            return
        }
        guard nonEmpty else { return }
        if firstNonEmpty == nil { firstNonEmpty = (texts, index) }
        let wanted = referencedColumns
        if wanted.allSatisfy({ AggregationState.column(named: $0, in: texts) != nil }) {
            try bind(texts, index: index)
        } else if index + 1 >= LedgerAggregator.headerSearchDepth, let first = firstNonEmpty {
            try bind(first.texts, index: first.index)
        }
    }

    /// The index of a column by its name: exact, else without regard to case, accents and spacing.
    static func column(named name: String, in header: [String]) -> Int? {
        if let i = header.firstIndex(of: name) { return i }
        let folded = name.folded
        return header.firstIndex { $0.folded == folded }
    }

    /// Binds the rules to the header: a slot per column used, conditions compiled on slots.
    mutating func bind(_ texts: [String], index: Int) throws {
        header = texts
        result.header = texts
        result.headerRow = index + 1
        let names = texts.filter { !$0.isEmpty }
        var slotOf: [Int: Int] = [:]
        let decimal = aggregator.source.decimal
        func slot(_ name: String, line: Int, rule: LedgerRule) throws -> Int {
            guard let column = AggregationState.column(named: name, in: texts) else {
                var message = "no column \"\(name)\" in \(file) (header row \(index + 1)) for the rule of \"\(rule.keyResult)\"; the columns are: "
                    + names.joined(separator: ", ")
                if let near = AggregationState.nearest(name, in: names) { message += "; did you mean \"\(near)\"?" }
                throw SheetError.malformed(.text(aggregator.rulesFile, line: line), message)
            }
            if let s = slotOf[column] { return s }
            var new = LedgerSlot(column: column, convention: decimal == .comma ? .comma : decimal == .point ? .point : .undecided)
            new.fallback = fallback
            slots.append(new)
            slotNames.append(texts[column])
            slotOf[column] = slots.count - 1
            return slots.count - 1
        }
        func compile(_ filter: LedgerFilter, rule: LedgerRule) throws -> Int {
            switch filter {
            case .all(let list):
                let compiled = try list.map { try compile($0, rule: rule) }
                let first = program.children.count
                program.children.append(contentsOf: compiled)
                return program.add(.init(kind: .all, first: first, count: compiled.count))
            case .not(let inner):
                let child = try compile(inner, rule: rule)
                return program.add(.init(kind: .not, first: child))
            case .test(let column, let line, let test):
                let s = try slot(column, line: line, rule: rule)
                switch test {
                case .oneOf(let values):
                    slots[s].needsText = true
                    let (first, count) = program.addNeedles(values.map { Array($0.trimmingCharacters(in: .whitespaces).utf8) })
                    return program.add(.init(kind: .oneOf, slot: s, first: first, count: count))
                case .startsWith(let values):
                    slots[s].needsText = true
                    let (first, count) = program.addNeedles(values.map(FilterProgram.folded))
                    return program.add(.init(kind: .startsWith, slot: s, first: first, count: count))
                case .contains(let values):
                    slots[s].needsText = true
                    let (first, count) = program.addNeedles(values.map(FilterProgram.folded))
                    return program.add(.init(kind: .contains, slot: s, first: first, count: count))
                case .numberBetween(let lo, let hi):
                    slots[s].needsNumber = true
                    return program.add(.init(kind: .numberBetween, slot: s, low: lo, high: hi))
                case .dateBetween(let lo, let hi):
                    slots[s].needsDate = true
                    return program.add(.init(kind: .dayBetween, slot: s, lowDay: lo, highDay: hi))
                case .textBetween(let lo, let hi):
                    slots[s].needsText = true
                    let (first, _) = program.addNeedles([Array(lo.utf8), Array(hi.utf8)])
                    return program.add(.init(kind: .textBetween, slot: s, first: first, count: 2))
                case .inPeriod(let inside):
                    slots[s].needsDate = true
                    let period = aggregator.period ?? Period(label: "", start: CivilDate(year: 1, month: 1, day: 1), end: CivilDate(year: 1, month: 1, day: 1))
                    let test = program.add(.init(kind: .dayBetween, slot: s, lowDay: period.start.daysSinceEpoch, highDay: period.end.daysSinceEpoch))
                    return inside ? test : program.add(.init(kind: .not, first: test))
                }
            }
        }
        for rule in aggregator.rules {
            var measure = MeasurePlan(kind: .count)
            switch rule.measure {
            case .count: break
            case .sum(let c), .average(let c), .minimum(let c), .maximum(let c):
                measure = MeasurePlan(kind: .number, value: try slot(c, line: rule.measureLine, rule: rule))
                slots[measure.value].needsNumber = true
            case .countDistinct(let c):
                measure = MeasurePlan(kind: .distinct, value: try slot(c, line: rule.measureLine, rule: rule))
                slots[measure.value].needsText = true
            case .last(let c, let d):
                measure = MeasurePlan(kind: .last, value: try slot(c, line: rule.measureLine, rule: rule), date: try slot(d, line: rule.measureLine, rule: rule))
                slots[measure.value].needsNumber = true
                slots[measure.date].needsDate = true
            }
            let root = try compile(rule.filter, rule: rule)
            var gates = [root]
            if program.nodes[root].kind == .all {
                let node = program.nodes[root]
                gates = Array(program.children[node.first..<(node.first + node.count)])
            }
            if let gate = gates.first(where: { program.nodes[$0].kind == .numberBetween }) {
                measure.gateSlot = program.nodes[gate].slot
                measure.gateLow = program.nodes[gate].low
                measure.gateHigh = program.nodes[gate].high
            }
            measures.append(measure)
            roots.append(root)
            accumulators.append(LedgerAccumulator())
        }
        // kpi: rules: the date slot, and one accumulator per period after the rules' own.
        var days: [Int32] = []
        for (r, rule) in aggregator.rules.enumerated() where rule.kpi != nil {
            guard let column = rule.dateColumn else {
                throw SheetError.malformed(.text(aggregator.rulesFile, line: rule.line),
                    "the rule for kpi \"\(rule.keyResult)\" does not say which column dates a row, to put it in its period: "
                        + "add \"date: COLUMN\" (or an in_period condition on it); the columns are: " + names.joined(separator: ", "))
            }
            let s = try slot(column.name, line: column.line, rule: rule)
            slots[s].needsDate = true
            let periods = (aggregator.periods[r] ?? []).sorted()
            measures[r].bucketDate = s
            measures[r].bucketBase = accumulators.count
            measures[r].bucketTable = days.count
            buckets[r] = periods
            accumulators += Array(repeating: LedgerAccumulator(), count: periods.count)
            guard let first = periods.first?.start.daysSinceEpoch, let last = periods.map(\.end.daysSinceEpoch).max() else { continue }
            measures[r].bucketFirstDay = first
            measures[r].bucketSpan = last - first + 1
            var table = [Int32](repeating: -1, count: last - first + 1)
            for (b, period) in periods.enumerated() {
                for day in period.start.daysSinceEpoch...period.end.daysSinceEpoch where table[day - first] < 0 { table[day - first] = Int32(b) }
            }
            days += table
        }
        frozen = program.frozen()
        rowCells = LedgerCellStore(count: slots.count)
        accumulatorStore = LedgerAccumulatorStore(accumulators)
        gateIndex = LedgerGateIndex(measures)
        let plans = FrozenPlans(roots: roots, measures: measures, days: days)
        frozenPlans = plans
        rootPointer = plans.roots
        measurePointer = plans.measures
        dayPointer = plans.days
    }

    /// The header name closest to a misspelt one (at most two edits apart, folded).
    static func nearest(_ name: String, in names: [String]) -> String? {
        let target = Array(name.folded)
        var best: (String, Int)?
        for candidate in names {
            let d = editDistance(target, Array(candidate.folded))
            if d <= 2, best == nil || d < best!.1 { best = (candidate, d) }
        }
        return best?.0
    }

    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    /// The results, scaled.
    mutating func finish() throws -> LedgerResult {
        if header == nil {
            if let fixed = aggregator.source.headerRow {
                throw SheetError.malformed(SourceLocation(file: file), "the export has no row \(fixed) for the header_row of \(aggregator.rulesFile)")
            }
            if let first = firstNonEmpty {
                try bind(first.texts, index: first.index)
            } else {
                throw SheetError.malformed(SourceLocation(file: file), "the export holds no rows")
            }
        }
        for (r, rule) in aggregator.rules.enumerated() {
            guard rule.kpi != nil else {
                result.values.append(value(r, rule: rule))
                result.matchedRows.append(accumulator(r).rows)
                result.perPeriod.append([])
                continue
            }
            let base = measures[r].bucketBase
            let periods = (buckets[r] ?? []).enumerated().map { b, period in
                LedgerResult.PeriodValue(period: period, value: value(base + b, rule: rule),
                                         matchedRows: accumulator(base + b).rows, datedRows: accumulator(base + b).dated)
            }
            result.values.append(nil)
            result.matchedRows.append(periods.reduce(0) { $0 + $1.matchedRows })
            result.perPeriod.append(periods)
        }
        return result
    }

    /// Accumulator `a` as the rows left it.
    func accumulator(_ a: Int) -> LedgerAccumulator {
        accumulatorStore?.pointer[a] ?? accumulators[a]
    }

    /// The scaled result of accumulator `a` for `rule`'s measure.
    func value(_ a: Int, rule: LedgerRule) -> Double? {
        let acc = accumulator(a)
        var value: Double?
        switch rule.measure {
        case .count: value = Double(acc.rows)
        case .sum: value = acc.total
        case .countDistinct: value = Double(distinct[a]?.count ?? 0)
        case .average: value = acc.count > 0 ? acc.total / Double(acc.count) : nil
        case .minimum: value = acc.count > 0 ? acc.minimum : nil
        case .maximum: value = acc.count > 0 ? acc.maximum : nil
        case .last: value = acc.hasLast ? acc.last : nil
        }
        if let v = value, let scale = rule.scale { value = v * scale }
        return value
    }
}
