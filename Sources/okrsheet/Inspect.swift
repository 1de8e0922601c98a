import ArgumentParser
import Foundation
import OKRMapping
import SheetIO
import SheetKit

/// `okrsheet inspect INPUT`.
struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what a file is: its format and its sheets with their size.",
        discussion: """
        Examples:
          okrsheet inspect okr.xlsx
          okrsheet inspect export.xls --format json     (tells you when an .xls is really HTML)
        """
    )

    enum OutputFormat: String, ExpressibleByArgument {
        case text, json
    }

    @Argument(help: "The file to inspect (- for standard input).")
    var input: String

    @Option(help: "Only this sheet.")
    var sheet: String?

    @Option(help: "A mapping file (YAML) naming the template's headers; default: the built-in nl/fr/en mapping.")
    var mapping: String?

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    @OptionGroup var limitOptions: LimitOptions

    func run() throws {
        var job = InspectJob(input: input)
        job.sheet = sheet
        job.limits = try limitOptions.limits()
        var report = try job.run()
        var okr = ConvertJob(input: input)
        okr.options.sheet = sheet
        okr.options.limits = job.limits
        if let mapping { okr.options.mapping = try Mapping.load(path: mapping) }
        if report.format != "json", let table = try okr.locateTable() {
            report.okrSheet = table.sheet
            report.headerRow = table.header.row + 1
            report.language = table.header.language
            report.mapping = Dictionary(uniqueKeysWithValues: table.header.columns.map {
                ($0.key.modelKey, CellReference.columnName($0.value))
            })
        }
        switch format {
        case .text:
            report.warnings.forEach(Console.error)
            print(report.text)
        case .json:
            report.warnings.forEach(Console.error)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        }
    }
}
