import OKRCore
import SheetKit

extension TemplateImporter {
    /// The KPI tables of a workbook, read as ``importWorkbook(from:file:)`` reads them (same KPIs, same
    /// ids), with where each value is (``KPITable``) and the derived fields at the as-of date.
    ///
    /// The tables are those of every visible sheet; when ``ImportOptions/sheet`` (or the mapping's
    /// sheet) names a KPI sheet, that one alone. A sheet named that holds OKRs does not narrow the
    /// search: `update --sheet` names the OKR sheet, and the KPI sheets are beside it.
    ///
    /// - Parameter reportingPeriod: the period that gives a year to period headers without one, after the sheet's title.
    /// - Throws: ``SheetError`` when a sheet cannot be read.
    func kpiTables(in reader: any WorkbookReader, file: String, reportingPeriod: Period?) throws -> [KPITable] {
        var found: [(index: Int, header: KPIHeaderMatch)] = []
        for index in reader.sheets.indices where !reader.sheets[index].hidden {
            let top = try topRows(of: index, in: reader)
            if let kpi = kpiHeader(in: top, okr: okrHeader(in: top)) { found.append((index, kpi)) }
        }
        if let requested = options.sheet ?? options.mapping.sheet {
            let index = try reader.sheetIndex(named: requested, file: file)
            if let table = found.first(where: { $0.index == index }) {
                found = [table]
            } else if reader.sheets[index].hidden {
                let top = try topRows(of: index, in: reader)
                if let kpi = kpiHeader(in: top, okr: okrHeader(in: top)) { found = [(index, kpi)] }
            }
        }
        var tables: [KPITable] = []
        var count = 0
        for (index, header) in found {
            let sheet = try reader.loadSheet(at: index)
            var sheetReader = KPISheetReader(sheet: sheet, header: header, mapping: options.mapping, file: file, options: options,
                                             reportingPeriod: reportingPeriod, firstNumber: count)
            var kpis = sheetReader.read()
            count += kpis.count
            for i in kpis.indices { KPIDerived.evaluate(&kpis[i], asOf: options.asOf) }
            tables.append(KPITable(sheetIndex: index, sheet: sheet, header: header, kpis: kpis, cells: sheetReader.valueCells,
                                   decimalComma: sheetReader.parser.decimalComma ?? (header.language != "en"),
                                   titlePeriod: sheetReader.titlePeriod))
        }
        return tables
    }
}
