import ArgumentParser
import Foundation
import SheetIO

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

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    @OptionGroup var limitOptions: LimitOptions

    func run() throws {
        var job = InspectJob(input: input)
        job.sheet = sheet
        job.limits = try limitOptions.limits()
        let report = try job.run()
        switch format {
        case .text:
            Console.report([])
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
