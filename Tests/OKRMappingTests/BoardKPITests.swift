import Foundation
import ODSAdapter
import OKRCore
@testable import OKRMapping
import SheetIO
import SheetKit
import Testing
import XLSXAdapter
import XMLPackage

/// The KPI page of the board report (issue #10): the KPI sheet, the summary's KPI part and the Markdown.
@Suite("KPIs in the board report")
struct BoardKPITests {
    func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("okrsheet-boardkpi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    func write(_ model: OKRModel, _ name: String, in dir: URL) throws -> String {
        let path = dir.appendingPathComponent(name).path
        try ModelWriter().write(model, to: try OutputTarget(path, to: nil, allowed: ModelWriter.formats))
        return path
    }

    /// The sheet's text by 0-based row (empty rows as empty arrays).
    func rows(_ sheet: Sheet) -> [[String]] {
        var out = [[String]](repeating: [], count: (sheet.rows.map(\.index).max() ?? -1) + 1)
        for row in sheet.rows {
            var cells = [String](repeating: "", count: (row.cells.map(\.column).max() ?? -1) + 1)
            for cell in row.cells { cells[cell.column] = cell.value.canonicalText }
            out[row.index] = cells
        }
        return out
    }

    @Test func theXLSXHasAKPISheetWithTwelvePeriodsStatusesAndSparklines() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let model = try convert(sample("okr-kpi-2026.xlsx")).model
        #expect(model.kpis.count == 8)
        let path = try write(model, "board.xlsx", in: dir)
        let reader = try XLSXReader(path: path, displayName: "board.xlsx")
        #expect(reader.sheets.map(\.name) == ["OKR", "KPI's", "Samenvatting"])
        let sheet = rows(try reader.loadSheet(at: 1))
        let header = sheet[2]
        #expect(header.prefix(4) == ["Id", "KPI", "Verantwoordelijke", "Doel"])
        #expect(Array(header[4..<16]) == ["jun 25", "jul 25", "aug 25", "sep 25", "okt 25", "nov 25", "dec 25", "jan 26", "feb 26", "mrt 26", "apr 26", "mei 26"])
        #expect(Array(header[16...]) == ["Laatste", "Verschil", "Status", "Trend"])
        // Each KPI row: its values in the right months, the latest and the status as OKRCore has them.
        for (i, kpi) in model.kpis.enumerated() {
            let row = sheet[3 + i]
            #expect(row[0] == kpi.id && row[1] == kpi.name)
            #expect(row[16] == (kpi.latest.map(CellValue.numberText) ?? ""), "\(kpi.id)")
            #expect(row[18] == ReportLabels(language: "nl").kpiStatus(kpi.status ?? .noData))
            for value in kpi.values where value.period.kind == .month && value.period.end <= CivilDate(year: 2026, month: 5, day: 31) {
                let column = 4 + 11 - (2026 * 12 + 5 - (value.period.start.year * 12 + value.period.start.month))
                #expect(row[column] == CellValue.numberText(value.value), "\(kpi.id) \(value.period)")
            }
        }
        // Sparklines over each row's twelve periods, and the status colours as rules on the text.
        let package = try ZipPackage(path: path, displayName: "board.xlsx")
        let xml = String(decoding: try package.data(of: "xl/worksheets/sheet2.xml"), as: UTF8.self)
        #expect(xml.components(separatedBy: "<x14:sparkline>").count - 1 == 8)
        #expect(xml.contains("<x14:sparkline><xm:f>'KPI''s'!E4:P4</xm:f><xm:sqref>T4</xm:sqref></x14:sparkline>"), "\(xml.suffix(1500))")
        #expect(xml.contains(#"<formula>"Rood"</formula>"#) && xml.contains(#"<formula>"Groen"</formula>"#))
        let extList = try #require(xml.range(of: "<extLst>"))
        #expect(!xml[extList.upperBound...].contains("<extLst>"), "one extLst at the end")
    }

    @Test func theSummaryCountsKPIsPerStatusAndShowsTheTree() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let model = try convert(sample("okr-kpi-2026.xlsx")).model
        let path = try write(model, "board.xlsx", in: dir)
        let summary = rows(try XLSXReader(path: path, displayName: "board.xlsx").loadSheet(at: 2))
        let start = try #require(summary.firstIndex { $0.first == "KPI's per status" })
        var counts: [String: Int] = [:]
        for kpi in model.kpis { counts[ReportLabels(language: "nl").kpiStatus(kpi.status ?? .noData), default: 0] += 1 }
        for row in summary[(start + 2)..<(start + 6)] { #expect(Int(row[2]) == counts[row[1], default: 0], "\(row)") }
        let tree = try #require(summary.firstIndex { $0.first == "KPI-boom" })
        let names = summary[(tree + 2)...].map { $0.count > 1 ? $0[1] : "" }
        // Each objective with linked KPIs, its key results, then their KPIs beneath them.
        let o1 = try #require(names.firstIndex(of: "Verhoog de klanttevredenheid"))
        #expect(names[o1 + 1].hasPrefix("NPS-score verhogen") && names[o1 + 2] == "NPS-score")
        #expect(names.contains("(geen koppeling)") && names.last == "Aantal websitebezoekers")
    }

    @Test func theODSBoardCarriesTheKPISheet() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let model = try convert(sample("okr-kpi-2026.xlsx")).model
        let xlsx = try write(model, "board.xlsx", in: dir), ods = try write(model, "board.ods", in: dir)
        let fromXLSX = rows(try XLSXReader(path: xlsx, displayName: "b.xlsx").loadSheet(at: 1))
        let reader = try ODSReader(path: ods, displayName: "b.ods")
        #expect(reader.sheets.map(\.name) == ["OKR", "KPI's", "Samenvatting"])
        #expect(rows(try reader.loadSheet(at: 1)) == fromXLSX)
    }

    @Test func aModelWithoutKPIsHasNoKPIPage() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let model = try convert(sample("okr-sjabloon.xlsx")).model
        let path = try write(model, "board.xlsx", in: dir)
        #expect(try XLSXReader(path: path, displayName: "b.xlsx").sheets.map(\.name) == ["OKR", "Samenvatting"])
        #expect(!MarkdownReport(language: "nl").render(model).contains("KPI"))
    }

    @Test func theMarkdownHasTheKPITableCountsAndTree() throws {
        let model = try convert(sample("okr-kpi-2026.xlsx")).model
        let text = MarkdownReport(language: "nl").render(model)
        #expect(text.contains("| KPI | Verantwoordelijke | Doel | jun 25 |"))
        #expect(text.contains("| Kosten per acquisitie (CPA) | Performance marketeer | ≤ € 25 |"))
        #expect(text.contains("### KPI's per status"))
        #expect(text.contains("  - NPS-score verhogen van 20 naar 30 (O1.1)\n    - 🔴 NPS-score: 23\n"))
        #expect(text.contains("- **(geen koppeling)**\n  - ⚪ Aantal websitebezoekers: 11.800\n"))
    }

    /// python-calamine and openpyxl read the KPI sheet as okrsheet does (skipped where python3 or the
    /// modules are missing). openpyxl warns that it drops the sparklines, as it does for Excel's own.
    @Test func calamineAndOpenpyxlReadTheKPISheet() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let model = try convert(sample("okr-kpi-2026.xlsx")).model
        let path = try write(model, "board.xlsx", in: dir)
        let script = """
        import sys, warnings
        try:
            import openpyxl
            from python_calamine import CalamineWorkbook
        except ImportError:
            print("skip"); sys.exit(0)
        rows = CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_name("KPI's").to_python()
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            # openpyxl drops the x14 sparklines and data bars it does not know, and says so; any other
            # warning fails.
            warnings.filterwarnings("ignore", message=r".*extension is not supported and will be removed")
            ws = openpyxl.load_workbook(sys.argv[1], data_only=True)["KPI's"]
        for r, row in enumerate(rows[3:], start=4):
            print(row[0], row[16], ws.cell(row=r, column=17).value, row[18], ws.cell(row=r, column=19).value)
        """
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", script, path]
        let pipe = Pipe(), errors = Pipe()
        python.standardOutput = pipe
        python.standardError = errors
        guard (try? python.run()) != nil else { return }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        python.waitUntilExit()
        guard output != "skip\n" else { return }
        #expect(python.terminationStatus == 0, "\(String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))")
        let lines = output.split(separator: "\n").map { $0.split(separator: " ", maxSplits: 4).map(String.init) }
        #expect(lines.count == model.kpis.count)
        for (line, kpi) in zip(lines, model.kpis) {
            #expect(line[0] == kpi.id)
            if let latest = kpi.latest {
                #expect(Double(line[1]) == latest && Double(line[2]) == latest, "\(line)")
            }
        }
    }
}
