import Foundation
import OKRCore
import SheetKit

/// Turns a template sheet into the OKR model: finds the header, follows the layout (flat, objective merged
/// or written once, or "Objective 1: …" blocks), reads values as people type them, infers what the key
/// result's own words state, then computes the derived fields and applies the lint rules.
public struct TemplateImporter {
    public let options: ImportOptions
    let statusReader: StatusReader
    let headerDetector: HeaderDetector
    let kpiDetector: KPIHeaderDetector
    /// ``candidates`` with their header detectors, made once.
    let candidateDetectors: [(mapping: Mapping, detector: HeaderDetector)]

    public init(options: ImportOptions) {
        self.options = options
        statusReader = StatusReader(mapping: options.mapping)
        let headerDetector = HeaderDetector(mapping: options.mapping)
        self.headerDetector = headerDetector
        kpiDetector = KPIHeaderDetector(mapping: options.mapping)
        candidateDetectors = TemplateImporter.candidates(for: options.mapping).map { mapping in
            (mapping, mapping == options.mapping ? headerDetector : HeaderDetector(mapping: mapping))
        }
    }

    /// Thrown by a row consumer to stop a reader early (only the top of a sheet is needed to find a header).
    struct StopReading: Error {}

    /// The sheet and header an import uses.
    public struct Located: Sendable {
        public var sheetIndex: Int
        public var header: HeaderMatch
        /// The mapping that matched: the one asked for, or a preset recognised by its columns.
        public var mapping: Mapping
    }

    /// The mappings to try: the one asked for, and with the built-in mapping also the presets, which a
    /// template must match by their distinctive columns (Viva Goals: Type, Title and OKR Reference).
    var candidates: [Mapping] { candidateDetectors.map(\.mapping) }

    static func candidates(for mapping: Mapping) -> [Mapping] {
        guard mapping.name == "auto" else { return [mapping] }
        return Mapping.presets + [mapping]
    }

    static func isTypedRows(_ header: HeaderMatch) -> Bool {
        header.columns[.itemType] != nil && header.columns[.title] != nil
    }

    /// Finds the sheet and header row: the requested sheet, else the first visible sheet with an OKR header.
    /// A KPI sheet (``kpiHeader(in:okr:)``) is never taken for an OKR table.
    ///
    /// - Throws: ``SheetError/invalidRequest(_:_:)`` when no sheet has one, saying which headers are expected.
    public func locate(in reader: any WorkbookReader, file: String) throws -> Located {
        if let located = try findOKRTable(in: reader, file: file) { return located }
        throw noOKRTable(file: file)
    }

    /// The sheet and header row of the OKR table, nil when no sheet has one.
    func findOKRTable(in reader: any WorkbookReader, file: String) throws -> Located? {
        let requested = options.sheet ?? options.mapping.sheet
        let indices: [Int]
        if let requested {
            indices = [try reader.sheetIndex(named: requested, file: file)]
        } else {
            indices = reader.sheets.indices.filter { !reader.sheets[$0].hidden } + reader.sheets.indices.filter { reader.sheets[$0].hidden }
        }
        for index in indices {
            let top = try topRows(of: index, in: reader)
            guard let okr = okrHeader(in: top) else { continue }
            if kpiHeader(in: top, okr: okr) != nil { continue }
            return Located(sheetIndex: index, header: okr.header, mapping: okr.mapping)
        }
        return nil
    }

    func noOKRTable(file: String) -> SheetError {
        let requested = options.sheet ?? options.mapping.sheet
        let where_ = requested.map { "sheet \"\($0)\"" } ?? "any sheet"
        return SheetError.invalidRequest(
            SourceLocation(file: file, position: .cell(sheet: requested, row: nil, column: nil)),
            "no OKR header row found in \(where_): expected columns such as Doelstelling / Objectif / Objective and "
                + "Sleutelresultaat / Résultat clé / Key result in the first \(HeaderDetector.searchDepth) rows; "
                + "name them in a mapping file (--mapping) if the template uses other words")
    }

    /// The first rows of a sheet, where headers are looked for.
    func topRows(of index: Int, in reader: any WorkbookReader) throws -> [Row] {
        var top: [Row] = []
        let depth = options.mapping.headerRow.map { $0 + 1 } ?? HeaderDetector.searchDepth
        do {
            _ = try reader.readSheet(at: index) { row in
                guard row.index < depth else { throw StopReading() }
                top.append(row)
            }
        } catch is StopReading {}
        return top
    }

    /// The OKR header among a sheet's first rows, with the mapping that matched: the one asked for, or a
    /// preset recognised by its distinctive columns.
    func okrHeader(in top: [Row]) -> (header: HeaderMatch, mapping: Mapping)? {
        for (mapping, detector) in candidateDetectors {
            guard let header = detector.detect(in: top) else { continue }
            if mapping != options.mapping, !(TemplateImporter.isTypedRows(header) && header.columns[.id] != nil) { continue }
            return (header, mapping)
        }
        return nil
    }

    /// The KPI table among a sheet's first rows: a strong match (period columns, period and value columns,
    /// or frequency, direction or limit columns), or a weaker one when the sheet has no OKR header. A match
    /// below the OKR header is a row of OKR data (a key result's kind "metric" beside its deadline), not
    /// a KPI header.
    func kpiHeader(in top: [Row], okr: (header: HeaderMatch, mapping: Mapping)?) -> KPIHeaderMatch? {
        guard let kpi = kpiDetector.detect(in: top) else { return nil }
        guard let okr else { return kpi }
        return kpi.strong && kpi.row <= okr.header.row ? kpi : nil
    }

    /// Imports the template.
    ///
    /// - Throws: ``SheetError`` when the file cannot be read or holds no OKR table.
    public func importModel(from reader: any WorkbookReader, file: String) throws -> (OKRModel, Located) {
        let located = try locate(in: reader, file: file)
        let sheet = try reader.loadSheet(at: located.sheetIndex)
        var builder = ModelBuilder(importer: self, sheet: sheet, located: located, file: file)
        return (try builder.build(), located)
    }

    /// What a workbook holds: its OKR table, if any, and its KPI tables.
    public struct Imported: Sendable {
        public var model: OKRModel
        /// The OKR table; nil for a workbook of KPIs only.
        public var located: Located?
        /// The names of the sheets the KPIs came from.
        public var kpiSheets: [String]
    }

    /// Imports the OKR table and every KPI table of a workbook: the KPIs of all visible KPI sheets (or of
    /// the requested sheet) join the model, linked to its key results, with their derived fields and the
    /// KPI rules' findings. A workbook with KPI tables and no OKR table converts too.
    ///
    /// - Throws: ``SheetError`` when the file cannot be read or holds neither an OKR table nor a KPI table.
    public func importWorkbook(from reader: any WorkbookReader, file: String) throws -> Imported {
        let requested = options.sheet ?? options.mapping.sheet
        let indices = try requested.map { [try reader.sheetIndex(named: $0, file: file)] }
            ?? reader.sheets.indices.filter { !reader.sheets[$0].hidden }
        var kpiTables: [(index: Int, header: KPIHeaderMatch)] = []
        for index in indices {
            let top = try topRows(of: index, in: reader)
            if let kpi = kpiHeader(in: top, okr: okrHeader(in: top)) { kpiTables.append((index, kpi)) }
        }
        let located = try findOKRTable(in: reader, file: file)
        var model = OKRModel()
        if let located {
            var builder = ModelBuilder(importer: self, sheet: try reader.loadSheet(at: located.sheetIndex), located: located, file: file)
            model = try builder.build()
        } else if let first = kpiTables.first {
            model.language = first.header.language
            model.period = options.period
            model.asOf = options.asOf
        } else {
            throw noOKRTable(file: file)
        }
        var kpis: [KPI] = []
        var findings: [Finding] = []
        for table in kpiTables {
            var sheetReader = KPISheetReader(sheet: try reader.loadSheet(at: table.index), header: table.header,
                                             mapping: options.mapping, file: file, options: options,
                                             reportingPeriod: model.period, firstNumber: kpis.count)
            kpis += sheetReader.read()
            findings += sheetReader.findings
            // Without OKRs, the KPI sheet's title names the model's period (`KPI-dashboard 2026`).
            if located == nil, model.period == nil { model.period = sheetReader.titlePeriod }
        }
        for i in kpis.indices {
            kpis[i].links = KPILinkResolver.resolve(kpis[i].links, in: model.objectives)
        }
        model.kpis = kpis
        KPIDerived.evaluate(&model)
        model.findings += findings + KPILint.check(model)
        return Imported(model: model, located: located, kpiSheets: kpiTables.map { reader.sheets[$0.index].name })
    }
}

/// The state of one import: the objectives so far and the findings.
struct ModelBuilder {
    let importer: TemplateImporter
    let sheet: Sheet
    let header: HeaderMatch
    let mapping: Mapping
    let statusReader: StatusReader
    let file: String
    let parser: ValueParser
    var findings: [Finding] = []
    var objectives: [Objective] = []
    var period: Period?

    init(importer: TemplateImporter, sheet: Sheet, located: TemplateImporter.Located, file: String) {
        self.importer = importer
        self.sheet = sheet
        header = located.header
        mapping = located.mapping
        statusReader = mapping == importer.options.mapping ? importer.statusReader : StatusReader(mapping: mapping)
        self.file = file
        let locale = mapping.locale
        let decimalComma: Bool? = locale.map { !$0.lowercased().hasPrefix("en") } ?? (header.language != "en")
        parser = ValueParser(decimalComma: decimalComma, language: header.language,
                             fiscalYearStartMonth: importer.options.fiscalYearStart ?? located.mapping.fiscalYearStart)
    }

    var fiscalYearStart: Int { importer.options.fiscalYearStart ?? mapping.fiscalYearStart }

    func source(row: Int, column: Int? = nil) -> OKRSource {
        OKRSource(file: file, sheet: sheet.info.name, row: row + 1,
                  cell: column.map { CellReference(row: row, column: $0).description })
    }

    func cell(_ row: Row, _ field: OKRField) -> Cell? {
        guard let column = header.columns[field] else { return nil }
        return row.cells.first { $0.column == column }
    }

    func text(_ row: Row, _ field: OKRField) -> String? {
        guard let c = cell(row, field) else { return nil }
        var t = c.value.canonicalText.trimmingWhitespace
        // Undo CSV-injection neutralisation ('=…, '+…), as written by okrsheet's own CSV and Markdown.
        if t.count > 1, t.hasPrefix("'"), let second = t.dropFirst().first, "=+-@\t\r".contains(second) {
            t.removeFirst()
        }
        return t.isEmpty ? nil : t
    }

    // MARK: - The whole sheet

    mutating func build() throws -> OKRModel {
        period = importer.options.period ?? findPeriod() ?? periodColumn()
        if TemplateImporter.isTypedRows(header) {
            readTypedRows()
        } else {
            readLayoutRows()
        }
        finishObjectives()
        var model = OKRModel()
        model.language = header.language
        model.period = period
        model.asOf = importer.options.asOf
        model.objectives = objectives
        DerivedFields.evaluate(&model, thresholds: mapping.thresholds)
        model.findings = findings + model.findings + OKRLint.check(model)
        return model
    }

    /// Rows that are objectives or key results as their layout says (flat, merged, blocks).
    mutating func readLayoutRows() {
        var current: Int?
        var lastObjectiveTitle: String?
        for row in sheet.rows where row.index > header.row {
            let objectiveText = text(row, .objective)
            let krText = text(row, .keyResult)
            if krText == nil, objectiveText == nil {
                if let heading = blockHeading(row) {
                    current = startObjective(title: heading, row: row)
                    lastObjectiveTitle = heading
                }
                continue
            }
            if let krText, objectiveText == nil, header.columns[.objective] == nil || current == nil,
               let heading = TemplateImporter.heading(krText), valueColumnsEmpty(row) {
                current = startObjective(title: heading, row: row)
                lastObjectiveTitle = heading
                continue
            }
            if let objectiveText, objectiveText != lastObjectiveTitle || current == nil {
                current = existingObjective(objectiveText, row: row) ?? startObjective(title: objectiveText, row: row)
                lastObjectiveTitle = objectiveText
            }
            guard let krText else {
                if let current { fillObjective(at: current, from: row) }
                continue
            }
            if current == nil {
                findings.append(Finding(.warning, "kr-without-objective",
                    "key result \"\(krText)\" comes before any objective; it is grouped under an untitled objective",
                    source: source(row: row.index, column: header.columns[.keyResult])))
                current = startObjective(title: "", row: row)
            }
            if let current { fillObjective(at: current, from: row) }
            let kr = readKeyResult(row, title: krText, objectiveIndex: current ?? 0)
            if let current { objectives[current].keyResults.append(kr) }
        }
    }

    /// Rows typed by a column (Viva Goals: Objective, Key Result, Project), linked by parent references.
    mutating func readTypedRows() {
        var byReference: [String: Int] = [:]
        var pending: [(kr: KeyResult, parent: String?, row: Row)] = []
        for row in sheet.rows where row.index > header.row {
            guard let title = text(row, .title) else { continue }
            let type = text(row, .itemType)?.folded ?? ""
            let reference = text(row, .id)
            if ["objective", "doelstelling", "objectif", "goal"].contains(type) {
                let index = startObjective(title: title, row: row)
                var o = objectives[index]
                o.id = reference ?? ""
                o.parent = text(row, .parent)
                o.owner = text(row, .owner)
                if let label = text(row, .level) { o.levelLabel = label; o.level = level(for: label) }
                if let w = number(row, .weight), w >= 0 { o.weight = w }
                objectives[index] = o
                if let reference { byReference[reference] = index }
            } else if ["key result", "kr", "sleutelresultaat", "resultat cle", "keyresult"].contains(type) {
                var kr = readKeyResult(row, title: title, objectiveIndex: 0)
                kr.id = reference ?? ""
                pending.append((kr, text(row, .parent), row))
            } else {
                findings.append(Finding(.note, "item-skipped",
                    "\"\(title)\" is a \(text(row, .itemType) ?? "row without a type"), not an objective or key result; skipped",
                    source: source(row: row.index, column: header.columns[.itemType])))
            }
        }
        for (kr, parent, row) in pending {
            if let parent, let index = byReference[parent] {
                objectives[index].keyResults.append(kr)
            } else {
                findings.append(Finding(.warning, "kr-without-objective",
                    "key result \"\(kr.title)\" names parent \"\(parent ?? "")\", which is not an objective here; "
                        + "it is grouped under an untitled objective", source: source(row: row.index, column: header.columns[.parent])))
                let index = objectives.firstIndex { $0.title.isEmpty } ?? startObjective(title: "", row: row)
                objectives[index].keyResults.append(kr)
            }
        }
        // An objective's parent is kept only when it names another objective (alignment), not a key result.
        let objectiveIDs = Set(objectives.map(\.id))
        for i in objectives.indices where objectives[i].parent.map({ !objectiveIDs.contains($0) }) == true {
            findings.append(Finding(.note, "parent-not-objective",
                "objective \"\(objectives[i].title)\" is aligned to \"\(objectives[i].parent ?? "")\", which is not an objective in this file; the link is kept",
                source: objectives[i].source))
        }
    }

    /// A period named in the rows above the header ("OKR-rapportage Q2 2026"), else in the sheet name.
    func findPeriod() -> Period? {
        for row in sheet.rows where row.index < header.row {
            for cell in row.cells {
                if case .text(let t) = cell.value, let p = PeriodParser.find(in: t) { return p }
            }
        }
        return PeriodParser.find(in: sheet.info.name)
    }

    /// The period a `Period` column names (the flat layout carries one on every row).
    func periodColumn() -> Period? {
        guard header.columns[.period] != nil else { return nil }
        for row in sheet.rows where row.index > header.row {
            if let label = text(row, .period), let p = PeriodParser.parse(label, fiscalYearStartMonth: fiscalYearStart) { return p }
        }
        return nil
    }

    func valueColumnsEmpty(_ row: Row) -> Bool {
        [OKRField.start, .target, .current, .owner, .deadline, .status].allSatisfy { text(row, $0) == nil }
    }

    /// A heading row of the block layout: its first non-empty cell reads "Objective 1: …".
    func blockHeading(_ row: Row) -> String? {
        guard let first = row.cells.first(where: { !$0.value.isEmpty }), case .text(let t) = first.value else { return nil }
        return TemplateImporter.heading(t)
    }

    mutating func startObjective(title: String, row: Row) -> Int {
        var o = Objective(id: "", title: title)
        o.source = source(row: row.index, column: header.columns[.objective] ?? header.columns[.keyResult])
        objectives.append(o)
        return objectives.count - 1
    }

    func existingObjective(_ title: String, row: Row) -> Int? {
        let folded = title.folded
        let level = text(row, .level)?.folded
        return objectives.lastIndex { $0.title.folded == folded && (level == nil || $0.levelLabel?.folded == level) }
    }

    /// Objective fields that rows carry: level, type, parent, objective id, weight and owner of an objective row.
    mutating func fillObjective(at index: Int, from row: Row) {
        var o = objectives[index]
        fill(&o, from: row)
        objectives[index] = o
    }

    func fill(_ o: inout Objective, from row: Row) {
        if o.levelLabel == nil, let label = text(row, .level) {
            o.levelLabel = label
            o.level = level(for: label)
        }
        if let t = text(row, .type), let type = objectiveType(t) { o.type = type }
        if o.parent == nil, let p = text(row, .parent) { o.parent = p }
        if o.id.isEmpty, let id = text(row, .objectiveId) { o.id = id }
        if o.owner == nil, let owner = text(row, .objectiveOwner) { o.owner = owner }
        if let w = number(row, .objectiveWeight), w >= 0 { o.weight = w }
        if text(row, .keyResult) == nil {
            if let owner = text(row, .owner) { o.owner = owner }
            if let w = number(row, .weight), w >= 0 { o.weight = w }
            if o.id.isEmpty, let id = text(row, .id) { o.id = id }
        }
    }

    func level(for label: String) -> Level {
        mapping.level(for: label)
    }

    func objectiveType(_ text: String) -> ObjectiveType? {
        let folded = text.folded
        for vocabulary in mapping.vocabularies + Mapping.auto.vocabularies {
            for (type, words) in vocabulary.types where words.contains(where: { folded.hasPrefix($0.folded) }) {
                return type
            }
        }
        return nil
    }

    /// Ids, owners: what can only be settled once all key results are read.
    mutating func finishObjectives() {
        for i in objectives.indices {
            if objectives[i].id.isEmpty {
                let krIDs = objectives[i].keyResults.compactMap { $0.id.isEmpty ? nil : $0.id }
                if let first = krIDs.first, let dot = first.lastIndex(of: "."),
                   krIDs.allSatisfy({ $0.hasPrefix(first[..<dot] + ".") }) {
                    objectives[i].id = String(first[..<dot])
                } else {
                    objectives[i].id = "O\(i + 1)"
                }
            }
            for k in objectives[i].keyResults.indices where objectives[i].keyResults[k].id.isEmpty {
                objectives[i].keyResults[k].id = "\(objectives[i].id).\(k + 1)"
            }
            if objectives[i].owner == nil {
                let owners = Set(objectives[i].keyResults.compactMap(\.owner))
                if owners.count == 1 { objectives[i].owner = owners.first }
            }
        }
    }
}

extension TemplateImporter {
    /// The objective title of a heading such as "Objective 1: …", "Doelstelling 2 – …", "Objectif 3 : …", "O4. …".
    public static func heading(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let lower = trimmed.lowercased()
        let words = ["doelstelling", "hoofddoelstelling", "objective", "objectif", "doel", "o"]
        guard let word = words.first(where: { lower.hasPrefix($0) }) else { return nil }
        var rest = trimmed.dropFirst(word.count)
        rest = rest.drop { $0 == " " }
        let digits = rest.prefix { $0.isNumber }
        if word == "o", digits.isEmpty { return nil }
        rest = rest.dropFirst(digits.count).drop { $0 == " " }
        guard let sep = rest.first, [":", "-", "–", "—", "."].contains(sep) else { return nil }
        let title = rest.dropFirst().trimmingCharacters(in: .whitespaces)
        return title.isEmpty ? nil : title
    }
}
