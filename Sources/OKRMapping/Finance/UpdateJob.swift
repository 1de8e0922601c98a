import CSVAdapter
import Foundation
import OKRCore
import SheetIO
import SheetKit

/// `okrsheet update`: new current values from a finance export into an OKR template, and nothing else
/// touched (DESIGN.md, "Finance rules files").
///
/// ```swift
/// var job = UpdateJob(template: "okr.csv", data: "grootboek.csv", rules: "rules.yaml")
/// job.options.asOf = CivilDate(iso: "2026-05-15")
/// let plan = try job.plan()            // reads everything, writes nothing
/// try job.write(plan, to: "okr-mei.csv")
/// ```
///
/// The plan reads the rules, imports the template with ``TemplateImporter``, matches every rule to a key
/// result (``KeyResultMatcher``) or, for a `kpi:` rule, to a KPI of a KPI sheet (``KPIMatcher``), streams
/// the export once (``LedgerAggregator``), writes the new current values in the template's own
/// convention, imports the result again to recompute progress, score and status with ``DerivedFields``,
/// and sets those cells too where the template has them as values. A `kpi:` rule writes one value per
/// period into the KPI's cells and recomputes the KPI's status with ``KPIDerived``.
public struct UpdateJob {
    public var template: String
    public var data: String
    public var rules: String
    /// The template's mapping and sheet, `--period` (wins over the rules file's), `--as-of`, limits.
    public var options = ImportOptions()
    /// Only plan (`--dry-run`): a template okrsheet cannot write back yet is still read.
    public var dryRun = false

    public init(template: String, data: String, rules: String) {
        self.template = template
        self.data = data
        self.rules = rules
    }

    /// Reads the rules, the template and the export and works out every change.
    ///
    /// - Throws: ``SheetError``: unreadable input; a rules file that is malformed, names an unknown
    ///   column, or matches a key result or KPI ambiguously (at its line); a `kpi:` rule whose periods
    ///   cannot be told; a template without a current-value column (with key-result rules) or without a
    ///   KPI table (with `kpi:` rules only); a template format that cannot be written back yet (unless
    ///   ``dryRun``).
    public func plan() throws -> UpdatePlan {
        let fiscalStart = options.fiscalYearStart ?? options.mapping.fiscalYearStart
        let rulesFile = try RulesFile.load(path: rules, fiscalYearStartMonth: fiscalStart)

        // When the period is known without the template and no kpi: rule takes its periods from a KPI
        // table, the export does not depend on the template: it is aggregated on another thread while
        // the template is imported. Errors keep their order: the template's come first, then the
        // export's (the aggregation's outcome is only looked at where it was computed before).
        var early: LedgerAggregation?
        if let period = options.period ?? rulesFile.period, !rulesFile.rules.contains(where: { $0.kpi != nil }),
           template != "-", data != "-" {
            var aggregator = LedgerAggregator(rules: rulesFile.rules, source: rulesFile.source, period: period, rulesFile: rulesFile.file)
            aggregator.limits = options.limits
            early = LedgerAggregation(aggregator, path: data)
        }
        var earlyDone = false
        defer { if !earlyDone { early?.cancel() } }

        // The template: its OKR table (which key-result rules need) and its KPI tables (for kpi: rules).
        let templateFile = try InputFile(template)
        var open = OpenOptions()
        open.limits = options.limits
        let opened = try Workbooks.open(templateFile, options: open)
        let reader = opened.reader
        var importOptions = options
        importOptions.period = options.period ?? rulesFile.period
        let importer = TemplateImporter(options: importOptions)
        let name = templateFile.displayName
        let wantsKeyResults = rulesFile.rules.contains { $0.kpi == nil }
        let wantsKPIs = rulesFile.rules.contains { $0.kpi != nil }
        let located = wantsKeyResults ? try importer.locate(in: reader, file: name) : try importer.findOKRTable(in: reader, file: name)
        let okr = try located.map { try OKRTable(importer: importer, reader: reader, located: $0, file: name) }
        if wantsKeyResults, let okr, okr.currentColumn == nil {
            throw SheetError.invalidRequest(.cell(name, sheet: okr.sheet.info.name, row: okr.header.row),
                "the template has no current-value column to update; add a column such as \"Huidige waarde\" / "
                    + "\"Current value\" / \"Valeur actuelle\" to its header row, or name it in a mapping file "
                    + "(fields: current: [\"My header\"], or columns: current: F) and pass --mapping")
        }
        let kpiTables = wantsKPIs ? try importer.kpiTables(in: reader, file: name, reportingPeriod: importOptions.period ?? okr?.model.period) : []
        if okr == nil, kpiTables.isEmpty {
            throw SheetError.invalidRequest(SourceLocation(file: name),
                "no KPI table found in any sheet for the kpi rules of \(rulesFile.file): expected a header row with a KPI / "
                    + "Indicator / Indicateur column and one column per period (jan-26, Q1 2026…), or period and value columns, "
                    + "in the first \(HeaderDetector.searchDepth) rows")
        }
        if !dryRun, !TemplatePatchers.canPatch(reader.format) {
            throw TemplatePatchers.notBuilt(reader.format, file: name)
        }

        // The OKR sheet; for a template of KPIs only, the first KPI sheet.
        let main: (index: Int, name: String) = okr.map { ($0.located.sheetIndex, $0.sheet.info.name) }
            ?? (kpiTables[0].sheetIndex, kpiTables[0].sheet.info.name)
        var plan = UpdatePlan(template: name, ledger: data, rulesFile: rulesFile.file, format: reader.format,
                              sheetName: main.name, period: importOptions.period ?? okr?.model.period ?? kpiTables.first?.titlePeriod,
                              aggregate: LedgerResult(values: [], matchedRows: []))
        plan.csvDialect = (reader as? CSVReader)?.dialect
        plan.limits = options.limits
        plan.sheetIndex = main.index
        plan.warnings = opened.warnings

        // Rules → key results, and → KPIs with the periods each fills.
        let targets = try okr.map { try matchKeyResults(rulesFile, okr: $0, plan: &plan) } ?? [:]
        let kpiTargets = try matchKPIs(rulesFile, tables: kpiTables, period: plan.period, plan: &plan)

        // The export.
        if let early {
            plan.aggregate = try early.result()
            earlyDone = true
        } else {
            var aggregator = LedgerAggregator(rules: rulesFile.rules, source: rulesFile.source, period: plan.period, rulesFile: rulesFile.file)
            aggregator.limits = options.limits
            aggregator.periods = kpiTargets.mapValues(\.periods)
            plan.aggregate = try aggregator.run(try InputFile(data))
        }
        plan.warnings += plan.aggregate.warnings

        if let okr, !targets.isEmpty {
            try writeKeyResults(rulesFile, okr: okr, targets: targets, format: reader.format, plan: &plan)
        }
        writeKPIs(rulesFile, tables: kpiTables, targets: kpiTargets, format: reader.format, plan: &plan)
        plan.edits.sort { ($0.sheet, $0.row, $0.column) < ($1.sheet, $1.row, $1.column) }
        return plan
    }

    /// The OKR table of a template, imported.
    struct OKRTable {
        let located: TemplateImporter.Located
        let importer: TemplateImporter
        let sheet: Sheet
        let builder: ModelBuilder
        let model: OKRModel
        var header: HeaderMatch { located.header }
        var currentColumn: Int? { located.header.columns[.current] }

        init(importer: TemplateImporter, reader: any WorkbookReader, located: TemplateImporter.Located, file: String) throws {
            self.located = located
            self.importer = importer
            sheet = try reader.loadSheet(at: located.sheetIndex)
            var builder = ModelBuilder(importer: importer, sheet: sheet, located: located, file: file)
            model = try builder.build()
            self.builder = builder
        }
    }

    /// Matches each key-result rule to a key result of the OKR table.
    ///
    /// - Returns: per rule index, the key result it updates.
    /// - Throws: ``SheetError`` at the rule's line for an ambiguous name or a key result named twice.
    func matchKeyResults(_ rulesFile: RulesFile, okr: OKRTable, plan: inout UpdatePlan) throws -> [Int: KeyResultMatcher.Candidate] {
        let name = plan.template
        let model = okr.model, header = okr.header
        let matcher = KeyResultMatcher(model: model, hasIDColumn: header.columns[.id] != nil)
        var targets: [Int: KeyResultMatcher.Candidate] = [:]
        var claimed: [Int: LedgerRule] = [:]
        for (r, rule) in rulesFile.rules.enumerated() where rule.kpi == nil {
            let at = SourceLocation.text(rulesFile.file, line: rule.line)
            switch matcher.match(rule.keyResult) {
            case .ambiguous(let list):
                let names = list.map { "\"\($0.keyResult.title)\" (\($0.keyResult.id), \($0.keyResult.source?.location ?? name))" }
                throw SheetError.malformed(at, "key_result \"\(rule.keyResult)\" matches \(list.count) key results: "
                    + names.joined(separator: ", ") + "; name one by its id or its full title")
            case .none:
                let reason = "matches no key result in \(name)"
                plan.unmatched.append(.init(ruleLine: rule.line, keyResult: rule.keyResult, reason: reason))
                plan.warnings.append(Diagnostic(.warning, at, "key_result \"\(rule.keyResult)\" \(reason); the rule updates nothing"))
            case .matched(let candidate):
                let row = candidate.keyResult.source?.row ?? 0
                if let earlier = claimed[row] {
                    throw SheetError.malformed(at, "key result \"\(candidate.keyResult.title)\" is already updated by the rule on line \(earlier.line); "
                        + "one rule per key result")
                }
                if candidate.keyResult.kind == .milestone {
                    let reason = "names \"\(candidate.keyResult.title)\", a milestone (done / not done), which a number cannot update"
                    plan.unmatched.append(.init(ruleLine: rule.line, keyResult: rule.keyResult, reason: reason))
                    plan.warnings.append(Diagnostic(.warning, at, "key_result \"\(rule.keyResult)\" \(reason)"))
                    continue
                }
                claimed[row] = rule
                targets[r] = candidate
            }
        }
        return targets
    }

    /// Writes the new current values of the matched key results, then their derived cells.
    func writeKeyResults(_ rulesFile: RulesFile, okr: OKRTable, targets: [Int: KeyResultMatcher.Candidate], format: FileFormat,
                         plan: inout UpdatePlan) throws {
        let name = plan.template, sheet = okr.sheet, header = okr.header, located = okr.located, builder = okr.builder
        let importer = okr.importer
        guard let currentColumn = okr.currentColumn else { return }
        let isText = format == .csv || format == .tsv

        // New current values, in the template's convention.
        let decimalComma = builder.parser.decimalComma ?? (header.language != "en")
        var patched = sheet
        var currentEdits: [(candidate: KeyResultMatcher.Candidate, rule: LedgerRule, row: Int, old: String, new: String?, value: Double?, matched: Int)] = []
        for (r, rule) in rulesFile.rules.enumerated() {
            guard let candidate = targets[r], let sourceRow = candidate.keyResult.source?.row else { continue }
            let row = sourceRow - 1
            let old = UpdateJob.cell(sheet, row, currentColumn)
            let oldText = old?.value.canonicalText ?? ""
            let value = plan.aggregate.values[r]
            if plan.aggregate.matchedRows[r] == 0 {
                plan.warnings.append(Diagnostic(.warning, .text(rulesFile.file, line: rule.line),
                    "the rule for \"\(rule.keyResult)\" kept no row of \(data)" + (value == nil ? "; the current value stays as it is" : "")))
            }
            var newText: String?
            if let value, !value.isFinite {
                plan.warnings.append(Diagnostic(.warning, .text(rulesFile.file, line: rule.line),
                    "the rule for \"\(rule.keyResult)\" gave \(value), which is not a number a template can hold; the current value stays as it is"))
            } else if let value {
                let newValue: CellValue
                if UpdateJob.writesText(old, isText: isText) {
                    var style = UpdateJob.currentStyle(sheet: sheet, row: row, header: header, decimalComma: decimalComma)
                    style.decimals = nil
                    newValue = .text(style.format(value))
                } else {
                    newValue = .number(value)
                }
                newText = newValue.canonicalText
                if UpdateJob.isFormula(old, isText: isText) {
                    plan.warnings.append(Diagnostic(.warning, .cell(name, sheet: sheet.info.name, row: row, column: currentColumn),
                        "the current value of \"\(candidate.keyResult.title)\" is a formula; it is left as it is"))
                    newText = nil
                } else if !UpdateJob.same(old?.value, newValue) {
                    UpdateJob.set(&patched, row, currentColumn, newValue, keepingStyleOf: old)
                    plan.edits.append(.init(sheet: located.sheetIndex, row: row, column: currentColumn, value: newValue))
                }
            }
            currentEdits.append((candidate, rule, row, oldText, newText, value, plan.aggregate.matchedRows[r]))
        }

        // Derived fields: each patched key-result row read again as the import reads it, then evaluated
        // with its objective's type and the template's period (what importing the patched sheet gives).
        var keyResultRows: [Int] = []
        var objectiveTypes: [Int: ObjectiveType] = [:]
        for objective in okr.model.objectives {
            for kr in objective.keyResults {
                guard let r = kr.source?.row else { continue }
                keyResultRows.append(r - 1)
                objectiveTypes[r - 1] = objective.type
            }
        }
        var rereader = builder
        func updated(_ row: Int, title: String) -> KeyResult? {
            guard let type = objectiveTypes[row], let cells = UpdateJob.row(patched, row) else { return nil }
            var kr = rereader.readKeyResult(cells, title: title, objectiveIndex: 0)
            DerivedFields.evaluate(&kr, type: type, period: rereader.period, asOf: importer.options.asOf, thresholds: located.mapping.thresholds)
            return kr
        }
        let statusTexts = header.columns[.status].map { column in
            keyResultRows.compactMap { UpdateJob.cell(sheet, $0, column)?.value.canonicalText }.filter { !$0.isEmpty }
        } ?? []
        let statusStyle = StatusStyle(texts: statusTexts, mapping: located.mapping, language: header.language)
        let progressStyle = UpdateJob.progressStyle(sheet: sheet, rows: keyResultRows, header: header, parser: builder.parser, decimalComma: decimalComma)
        for edit in currentEdits {
            let kr = edit.value == nil ? nil : updated(edit.row, title: edit.candidate.keyResult.title)
            var changed = edit.new != nil && edit.new != edit.old
            let progress = kr?.progress
            var progressText = progress.map { progressStyle.format($0) } ?? ""
            let oldStatusText = header.columns[.status].flatMap { UpdateJob.cell(sheet, edit.row, $0)?.value.canonicalText } ?? ""
            var newStatusText = oldStatusText
            if edit.value != nil, let kr {
                if let column = header.columns[.progress], let progress {
                    let old = UpdateJob.cell(sheet, edit.row, column)
                    let value: CellValue = UpdateJob.writesText(old, isText: isText) ? .text(progressStyle.format(progress)) : .number(progress)
                    changed = plan.add(value, at: edit.row, column, in: sheet, isText: isText) || changed
                }
                if let column = header.columns[.score], let score = kr.score {
                    var style = TemplateNumberStyle(decimalComma: decimalComma)
                    style.decimals = 1
                    let old = UpdateJob.cell(sheet, edit.row, column)
                    let value: CellValue = UpdateJob.writesText(old, isText: isText) ? .text(style.format(score)) : .number(score)
                    changed = plan.add(value, at: edit.row, column, in: sheet, isText: isText) || changed
                }
                if let column = header.columns[.status], let status = kr.status {
                    let reported = oldStatusText.isEmpty ? nil : builder.statusReader.read(oldStatusText)?.status
                    if reported != status {
                        newStatusText = statusStyle.text(status, mapping: located.mapping)
                        changed = plan.add(.text(newStatusText), at: edit.row, column, in: sheet, isText: isText) || changed
                    }
                }
            } else {
                progressText = edit.candidate.keyResult.progress.map { progressStyle.format($0) } ?? ""
            }
            plan.rows.append(.init(ruleLine: edit.rule.line, keyResultID: edit.candidate.keyResult.id, keyResult: edit.candidate.keyResult.title,
                                   cell: SourceLocation.cell(name, sheet: isText ? nil : sheet.info.name, row: edit.row, column: currentColumn).description,
                                   oldCurrent: edit.old, newCurrent: edit.new, value: edit.value, progress: progress,
                                   progressText: progressText, oldStatus: oldStatusText, newStatus: newStatusText,
                                   matchedRows: edit.matched, changed: changed))
        }
        plan.edits.sort { ($0.row, $0.column) < ($1.row, $1.column) }
    }

    // MARK: Writing

    /// Writes the patched template to `path` (atomically). `path` must not be the template unless
    /// ``writeInPlace(_:now:)`` is meant.
    ///
    /// - Throws: ``SheetError`` when the template cannot be patched or the file written.
    public func write(_ plan: UpdatePlan, to path: String) throws {
        let source = try InputFile(template)
        let patcher = try TemplatePatchers.patcher(for: plan, path: source.path)
        try patcher.commit(to: path)
    }

    /// Keeps a dated backup `NAME.YYYYMMDD-HHMMSS.bak.EXT` beside the template, then replaces the
    /// template atomically. Nothing is written when the plan changes nothing.
    ///
    /// - Returns: the backup's path, nil when nothing changed.
    /// - Throws: ``SheetError`` when the backup or the template cannot be written.
    @discardableResult
    public func writeInPlace(_ plan: UpdatePlan, now: Date = Date()) throws -> String? {
        guard plan.changesTemplate else { return nil }
        let patcher = try TemplatePatchers.patcher(for: plan, path: template)
        let backup = try UpdateJob.backUp(template, now: now)
        try patcher.commit(to: template)
        return backup
    }

    /// Copies `path` to `NAME.YYYYMMDD-HHMMSS.bak.EXT` in its folder; an existing backup is never
    /// overwritten (an identical one is reused, else the next second is tried).
    static func backUp(_ path: String, now: Date) throws -> String {
        let bytes = try UpdateJob.readFile(path)
        let (folder, file) = path.lastIndex(of: "/").map { (String(path[...$0]), String(path[path.index(after: $0)...])) } ?? ("", path)
        let dot = file.lastIndex(of: ".").flatMap { $0 == file.startIndex ? nil : $0 }
        let base = dot.map { String(file[..<$0]) } ?? file
        let ext = dot.map { String(file[$0...]) } ?? ""
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone.current
        for offset in 0..<120 {
            let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: now.addingTimeInterval(Double(offset)))
            func pad(_ v: Int?, _ n: Int) -> String { let s = String(v ?? 0); return String(repeating: "0", count: max(0, n - s.count)) + s }
            let stamp = pad(c.year, 4) + pad(c.month, 2) + pad(c.day, 2) + "-" + pad(c.hour, 2) + pad(c.minute, 2) + pad(c.second, 2)
            let backup = folder + base + "." + stamp + ".bak" + ext
            if FileManager.default.fileExists(atPath: backup) {
                if (try? UpdateJob.readFile(backup)) == bytes { return backup }
                continue
            }
            let out = try AtomicOutputFile(path: backup)
            bytes.withUnsafeBytes { out.writer.write($0) }
            try out.commit()
            return backup
        }
        throw SheetError.io(SourceLocation(file: path), "cannot find a free name for the backup beside it")
    }

    /// The bytes of a whole (template-sized) file.
    static func readFile(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SheetError.io(SourceLocation(file: path), "cannot read the file to back it up")
        }
        return [UInt8](data)
    }

    // MARK: Cells

    static func cell(_ sheet: Sheet, _ row: Int, _ column: Int) -> Cell? {
        UpdateJob.row(sheet, row)?.cells.first { $0.column == column }
    }

    /// The row at 0-based `index` (rows are in index order), nil when the sheet has none there.
    static func row(_ sheet: Sheet, _ index: Int) -> Row? {
        var low = 0, high = sheet.rows.count
        while low < high {
            let mid = (low + high) / 2
            if sheet.rows[mid].index < index { low = mid + 1 } else { high = mid }
        }
        return low < sheet.rows.count && sheet.rows[low].index == index ? sheet.rows[low] : nil
    }

    static func set(_ sheet: inout Sheet, _ row: Int, _ column: Int, _ value: CellValue, keepingStyleOf old: Cell?) {
        let cell = Cell(column: column, value: value, style: old?.style)
        guard let r = sheet.rows.firstIndex(where: { $0.index == row }) else {
            let at = sheet.rows.firstIndex { $0.index > row } ?? sheet.rows.count
            sheet.rows.insert(Row(index: row, cells: [cell]), at: at)
            return
        }
        if let c = sheet.rows[r].cells.firstIndex(where: { $0.column == column }) {
            sheet.rows[r].cells[c] = cell
        } else {
            let at = sheet.rows[r].cells.firstIndex { $0.column > column } ?? sheet.rows[r].cells.count
            sheet.rows[r].cells.insert(cell, at: at)
        }
    }

    /// Whether a number goes into a cell as text in the template's convention: always in CSV, and in a
    /// workbook where the cell holds a number typed as text (`43%`), so that it keeps looking the same.
    static func writesText(_ old: Cell?, isText: Bool) -> Bool {
        if isText { return true }
        if case .text(let t)? = old?.value, !t.trimmingCharacters(in: .whitespaces).isEmpty { return true }
        return false
    }

    /// A formula cell, which update never overwrites: an XLSX/ODS formula, or CSV text that Excel would
    /// take for one.
    static func isFormula(_ cell: Cell?, isText: Bool) -> Bool {
        guard let cell else { return false }
        if cell.formula != nil { return true }
        if isText, case .text(let t) = cell.value { return t.trimmingCharacters(in: .whitespaces).hasPrefix("=") }
        return false
    }

    static func same(_ a: CellValue?, _ b: CellValue) -> Bool {
        if case .number(let x)? = a, case .number(let y) = b { return x == y }
        return (a ?? .empty).canonicalText == b.canonicalText
    }

    /// How the current value of a row is written: like the old value, else like the row's target or start.
    static func currentStyle(sheet: Sheet, row: Int, header: HeaderMatch, decimalComma: Bool) -> TemplateNumberStyle {
        for field in [OKRField.current, .target, .start] {
            guard let column = header.columns[field], let cell = cell(sheet, row, column),
                  case .text(let text) = cell.value,
                  let style = TemplateNumberStyle(inferredFrom: text, decimalComma: decimalComma) else { continue }
            return style
        }
        return TemplateNumberStyle(decimalComma: decimalComma)
    }

    /// How the template writes progress: like an existing progress cell (`43%`, `0,43`, `43`), else as a
    /// whole percentage.
    static func progressStyle(sheet: Sheet, rows: [Int], header: HeaderMatch, parser: ValueParser, decimalComma: Bool) -> TemplateNumberStyle {
        var fallback = TemplateNumberStyle(decimalComma: decimalComma)
        fallback.percent = true
        fallback.suffix = "%"
        fallback.decimals = 0
        guard let column = header.columns[.progress] else { return fallback }
        for row in rows.sorted() {
            guard let cell = cell(sheet, row, column), case .text(let text) = cell.value,
                  var style = TemplateNumberStyle(inferredFrom: text, decimalComma: decimalComma) else { continue }
            style.prefix = ""
            if !style.percent, let q = parser.quantity(text), abs(q.value) > 1.5 { style.percent = true }
            return style
        }
        return fallback
    }
}

extension UpdatePlan {
    /// Adds an edit of a derived cell unless the cell is a formula or already says the same.
    ///
    /// - Returns: whether an edit was added.
    mutating func add(_ value: CellValue, at row: Int, _ column: Int, in sheet: Sheet, isText: Bool) -> Bool {
        let old = UpdateJob.cell(sheet, row, column)
        guard !UpdateJob.isFormula(old, isText: isText), !UpdateJob.same(old?.value, value) else { return false }
        edits.append(.init(sheet: sheetIndex, row: row, column: column, value: value))
        return true
    }
}
