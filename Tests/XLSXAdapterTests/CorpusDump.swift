import Foundation
import SheetKit
import Testing
import XLSXAdapter

/// Development aid: with `XLSX_DUMP_DIR` set, writes every sheet of every workbook in `XLSX_CORPUS`
/// as canonical CSV (`DIR/FILE/SHEET.csv`, or `DIR/FILE/ERROR` with the message) for comparison.
@Suite struct CorpusDump {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["XLSX_DUMP_DIR"] != nil))
    func dumpCorpus() throws {
        let env = ProcessInfo.processInfo.environment
        let out = env["XLSX_DUMP_DIR"] ?? "/tmp/xlsx-dump"
        let corpus = env["XLSX_CORPUS"] ?? "/work/shared/corpus/calamine"
        let files = try FileManager.default.contentsOfDirectory(atPath: corpus).sorted()
            .filter { $0.hasSuffix(".xlsx") || $0.hasSuffix(".xlsm") || $0.hasSuffix(".xlsb") }
        for file in files {
            let dir = "\(out)/\(file)"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            do {
                let reader = try XLSXReader(path: "\(corpus)/\(file)", displayName: file)
                for (i, sheet) in reader.sheets.enumerated() {
                    do {
                        var lines: [String] = []
                        _ = try reader.readSheet(at: i) { row in
                            guard row.width > 0 else { return }
                            while lines.count < row.index { lines.append("") }
                            var fields = Array(repeating: "", count: row.width)
                            for cell in row.cells where cell.column < row.width { fields[cell.column] = Self.quote(cell.value.canonicalText) }
                            lines.append(fields.joined(separator: ","))
                        }
                        try lines.map { $0 + "\n" }.joined().write(toFile: "\(dir)/\(sheet.name).csv", atomically: true, encoding: .utf8)
                    } catch {
                        try "\(error)".write(toFile: "\(dir)/\(sheet.name).error", atomically: true, encoding: .utf8)
                    }
                }
            } catch {
                try "\(error)".write(toFile: "\(dir)/ERROR", atomically: true, encoding: .utf8)
            }
        }
    }

    static func quote(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
