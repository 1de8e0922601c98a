import Foundation
import ODSAdapter
@testable import OKRMapping
import OKRCore
import SheetKit
import Testing
import XLSXAdapter
import XMLPackage

extension FinanceTests {
    /// `update` on styled XLSX and ODS templates: the new values land, and nothing else in the workbook changes.
    @Suite("Updating an XLSX or ODS template")
    struct UpdatingWorkbooks {
        static let fixtures: String = {
            let file = "\(#filePath)"
            return String(file[..<file.lastIndex(of: "/")!]) + "/Fixtures"
        }()

        static let templates = ["openpyxl_styled_finance_template.xlsx", "libreoffice_styled_finance_template.xlsx"]

        func job(_ template: String) -> UpdateJob {
            var job = UpdateJob(template: template, data: sample("grootboek.csv"), rules: Updating.example)
            job.options.asOf = CivilDate(iso: "2026-05-15")
            return job
        }

        /// Every cell of every sheet: reference → (value, formula, style).
        func cells(_ path: String) throws -> [String: [String: Cell]] {
            let reader: any WorkbookReader = path.hasSuffix(".ods") ? try ODSReader(path: path, displayName: "t.ods")
                : try XLSXReader(path: path, displayName: "t.xlsx")
            var all: [String: [String: Cell]] = [:]
            for (i, info) in reader.sheets.enumerated() {
                let sheet = try reader.loadSheet(at: i)
                for row in sheet.rows {
                    for cell in row.cells { all[info.name, default: [:]][CellReference(row: row.index, column: cell.column).description] = cell }
                }
            }
            return all
        }

        @Test(arguments: UpdatingWorkbooks.templates)
        func onlyTheUpdatedCellsChange(template name: String) throws {
            let dir = try financeFolder()
            defer { try? FileManager.default.removeItem(at: dir) }
            let template = UpdatingWorkbooks.fixtures + "/" + name
            let plan = try job(template).plan()
            #expect(plan.rows.count == 6 && plan.unmatched.isEmpty)
            let out = dir.appendingPathComponent("out.xlsx").path
            try job(template).write(plan, to: out)

            // The aggregates, computed here from the ledger, are in the current-value column as numbers.
            let ledger = try Updating.sampleLedger()
            let revenue = ledger.filter { (8000...8099).contains(Int($0[2]) ?? 0) && $0[4] != "KP99" }.reduce(0) { $0 + Updating.cents($1[5]) }
            let marketing = -ledger.filter { $0[2].hasPrefix("62") }.reduce(0) { $0 + Updating.cents($1[5]) }
            let before = try cells(template), after = try cells(out)
            #expect(after["OKR Q2"]?["F4"]?.value == .number(Double(revenue) / 100))
            #expect(after["OKR Q2"]?["F7"]?.value == .number(Double(marketing) / 100))
            #expect(after["OKR Q2"]?["I4"]?.value == .text("🔵 Op schema"), "the status in the template's words and marks")
            #expect(after["OKR Q2"]?["F10"]?.value == before["OKR Q2"]?["F10"]?.value, "Klantentevredenheid has no rule")

            // Every other cell keeps its value, formula and style; the set cells keep their style.
            let edited = Set(plan.edits.map { CellReference(row: $0.row, column: $0.column).description })
            #expect(edited.isSuperset(of: ["F4", "F5", "F6", "F7", "F8", "F9"]))
            #expect(edited.allSatisfy { ["F", "H", "I"].contains($0.prefix(1)) }, "progress is a formula here: never overwritten")
            for (sheet, sheetCells) in before {
                for (ref, cell) in sheetCells {
                    let new = try #require(after[sheet]?[ref], "\(sheet)!\(ref)")
                    #expect(new.style == cell.style, "\(sheet)!\(ref)")
                    if sheet == "OKR Q2" && edited.contains(ref) { continue }
                    #expect(new.value == cell.value && new.formula == cell.formula, "\(sheet)!\(ref)")
                }
                #expect(Set(after[sheet]?.keys.map { $0 } ?? []) == Set(sheetCells.keys))
            }

            // Every ZIP entry other than the changed sheet and the workbook (now recalculating on open) is
            // stored exactly as before.
            let original = try ZipPackage(path: template, displayName: "in"), patched = try ZipPackage(path: out, displayName: "out")
            #expect(original.entryNames == patched.entryNames)
            for entry in original.entries where !["xl/worksheets/sheet1.xml", "xl/workbook.xml"].contains(entry.name) {
                let copy = try #require(patched.entry(named: entry.name))
                #expect(copy.crc32 == entry.crc32 && copy.compressedSize == entry.compressedSize, "\(entry.name)")
                #expect(try patched.data(of: entry.name) == original.data(of: entry.name), "\(entry.name)")
            }
            let workbook = String(decoding: try patched.data(of: "xl/workbook.xml"), as: UTF8.self)
            #expect(workbook.contains("fullCalcOnLoad=\"1\""))

            // Inside the sheet, only the set cells' XML differs.
            func cellElements(_ package: ZipPackage) throws -> [String] {
                let xml = String(decoding: try package.data(of: "xl/worksheets/sheet1.xml"), as: UTF8.self)
                return xml.split(separator: "<c ", omittingEmptySubsequences: false).dropFirst().map { String($0) }
            }
            let old = try cellElements(original), new = try cellElements(patched)
            #expect(old.count == new.count)
            let outside = { (xml: String) -> String in
                // The text around the cells: everything before the first and after the last.
                let text = xml
                return String(text.prefix(upTo: text.range(of: "<sheetData")!.lowerBound)) + String(text.suffix(from: text.range(of: "</sheetData>")!.lowerBound))
            }
            let oldXML = String(decoding: try original.data(of: "xl/worksheets/sheet1.xml"), as: UTF8.self)
            let newXML = String(decoding: try patched.data(of: "xl/worksheets/sheet1.xml"), as: UTF8.self)
            #expect(outside(oldXML) == outside(newXML), "conditional formats, validations, merges, views and columns untouched")
            for (a, b) in zip(old, new) where a != b {
                let ref = String(a.drop(while: { $0 != "\"" }).dropFirst().prefix(while: { $0 != "\"" }))
                #expect(edited.contains(ref), "cell \(ref) changed: \(a) → \(b)")
            }

            // A second run changes nothing, and the same run twice gives the same bytes.
            #expect(try job(out).plan().edits.isEmpty)
            let again = dir.appendingPathComponent("again.xlsx").path
            try job(template).write(try job(template).plan(), to: again)
            #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == Data(contentsOf: URL(fileURLWithPath: again)))
        }

        @Test func inPlaceKeepsADatedBackup() throws {
            let dir = try financeFolder()
            defer { try? FileManager.default.removeItem(at: dir) }
            let template = dir.appendingPathComponent("okr.xlsx").path
            try FileManager.default.copyItem(atPath: UpdatingWorkbooks.fixtures + "/" + UpdatingWorkbooks.templates[0], toPath: template)
            let original = try Data(contentsOf: URL(fileURLWithPath: template))
            let plan = try job(template).plan()
            let backup = try #require(try job(template).writeInPlace(plan, now: Date(timeIntervalSince1970: 1_778_832_000)))
            #expect(backup.hasSuffix(".bak.xlsx"))
            #expect(try Data(contentsOf: URL(fileURLWithPath: backup)) == original)
            #expect(try cells(template)["OKR Q2"]?["F5"]?.value != (try cells(backup)["OKR Q2"]?["F5"]?.value))
        }

        @Test func anODSTemplateChangesOnlyInItsCells() throws {
            let dir = try financeFolder()
            defer { try? FileManager.default.removeItem(at: dir) }
            let template = UpdatingWorkbooks.fixtures + "/libreoffice_styled_finance_template.ods"
            let plan = try job(template).plan()
            #expect(plan.rows.count == 6 && plan.unmatched.isEmpty)
            let out = dir.appendingPathComponent("out.ods").path
            try job(template).write(plan, to: out)

            let ledger = try Updating.sampleLedger()
            let revenue = ledger.filter { (8000...8099).contains(Int($0[2]) ?? 0) && $0[4] != "KP99" }.reduce(0) { $0 + Updating.cents($1[5]) }
            let before = try cells(template), after = try cells(out)
            #expect(after["OKR Q2"]?["F4"]?.value == .number(Double(revenue) / 100))
            #expect(after["OKR Q2"]?["I4"]?.value == .text("🔵 Op schema"))
            let edited = Set(plan.edits.map { CellReference(row: $0.row, column: $0.column).description })
            for (sheet, sheetCells) in before {
                for (ref, cell) in sheetCells where !(sheet == "OKR Q2" && edited.contains(ref)) {
                    #expect(after[sheet]?[ref]?.value == cell.value && after[sheet]?[ref]?.formula == cell.formula, "\(sheet)!\(ref)")
                }
            }

            // Every entry but content.xml is stored as before; in content.xml only the set cells differ.
            let original = try ZipPackage(path: template, displayName: "in"), patched = try ZipPackage(path: out, displayName: "out")
            #expect(original.entryNames == patched.entryNames && patched.entryNames.first == "mimetype")
            for entry in original.entries where entry.name != "content.xml" {
                let copy = try #require(patched.entry(named: entry.name))
                #expect(copy.crc32 == entry.crc32 && copy.compressedSize == entry.compressedSize && copy.method == entry.method, "\(entry.name)")
            }
            func pieces(_ package: ZipPackage) throws -> [String] {
                String(decoding: try package.data(of: "content.xml"), as: UTF8.self).components(separatedBy: "<table:table-")
            }
            let old = try pieces(original), new = try pieces(patched)
            #expect(old.count == new.count)
            let differing = zip(old, new).filter { $0 != $1 }.count
            #expect(differing == plan.edits.count, "\(differing) cells differ for \(plan.edits.count) edits")

            #expect(try job(out).plan().edits.isEmpty)
            let again = dir.appendingPathComponent("again.ods").path
            try job(template).write(try job(template).plan(), to: again)
            #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == Data(contentsOf: URL(fileURLWithPath: again)))
        }
    }
}
