import ArgumentParser
import OKRCore
import OKRMapping
import SheetIO
import SheetKit

/// `okrsheet convert INPUT OUTPUT`.
struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Turn an OKR template (nl, fr, en; xlsx, ods, csv) into the OKR model, with progress, score and status computed.",
        discussion: """
        The header row, the layout and the language are detected; what was guessed or taken from a key result's own words is reported on stderr.

        Examples:
          okrsheet convert samples/okr-sjabloon.xlsx okr.json --as-of 2026-05-15
          okrsheet convert okr.xlsx - --to json --period Q2-2026
          okrsheet convert okr.xlsx board.xlsx --lang nl     (the board report)
          okrsheet convert okr.xlsx report.md                (as Markdown tables)
        """
    )

    @Argument(help: "The template to read (- for standard input); its format is detected from its bytes.")
    var input: String

    @Argument(help: "The file to write (- for standard output); the extension picks the format: .json (the OKR model), .xlsx or .ods (the board report), .md (the report as Markdown), .csv or .tsv (one row per key result).")
    var output: String

    @Option(help: "The output format when OUTPUT is - (json, csv, tsv, md, xlsx, ods).")
    var to: String?

    @Option(help: "The language of labels and headers in the output (nl, fr, en; default: the template's).")
    var lang: String?

    @Option(help: "board (default for .xlsx and .ods) or flat: one row per key result carrying every field (.csv and .tsv are always flat).")
    var layout: String?

    @Flag(help: "Keep text starting with = + - @ as it is in CSV and Markdown output (default: prefix ' against CSV injection).")
    var allowFormulas = false

    @OptionGroup var template: TemplateOptions

    func run() throws {
        let target = try OutputTarget(output, to: to ?? (output == "-" ? "json" : nil), allowed: ModelWriter.formats)
        var job = ConvertJob(input: input)
        job.options = try template.importOptions()
        if target.path != nil, input != "-" { try target.refuseOverwriting([try InputFile(input)]) }
        let result = try job.load()
        Console.report(result.warnings)
        Console.findings(result.model.findings)
        if let layout, !["board", "flat"].contains(layout) {
            throw ValidationError("--layout \(layout): expected board or flat")
        }
        var writer = ModelWriter()
        writer.flat = layout == "flat"
        writer.language = try lang.map { l in
            guard ["nl", "fr", "en"].contains(l) else { throw ValidationError("--lang \(l): expected nl, fr or en") }
            return l
        }
        writer.allowFormulas = allowFormulas
        try writer.write(result.model, to: target)
    }
}

/// `okrsheet check INPUT`.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply the seed's rules for good OKRs and print what breaks them, like a compiler (exit 1 on errors).",
        discussion: """
        Errors: a key result that is not measurable, more than 5 key results in one objective, start equal to target, a value that cannot be read. Warnings: more than 5 objectives per owner or level, a key result without owner or deadline, a reported status that contradicts the numbers, all deadlines on the period's last day, a duplicate key result, an ambiguous value. Notes: fewer than 3 objectives, values taken from a key result's wording.

        KPIs (a KPI sheet beside the OKRs, or alone; docs/kpi-model.md): an error for a target that is only "meer"/"more"/"plus" (not SMART); warnings for a KPI without owner, target or frequency, without a link to an objective or key result, with no value for the last full period, and for more than 5 KPIs per team or company-wide.

        Examples:
          okrsheet check samples/okr-voorbeelden-2026.xlsx --as-of 2026-05-15
          okrsheet check okr.xlsx --format json
        """
    )

    enum OutputFormat: String, ExpressibleByArgument {
        case text, json
    }

    @Argument(help: "The template (or OKR model JSON) to check.")
    var input: String

    @Option(help: "text (compiler-style lines on stderr) or json (the findings on stdout).")
    var format: OutputFormat = .text

    @OptionGroup var template: TemplateOptions

    func run() throws {
        var job = ConvertJob(input: input)
        job.options = try template.importOptions()
        let result = try job.load()
        Console.report(result.warnings)
        let findings = result.model.findings
        switch format {
        case .text:
            Console.findings(findings)
            let errors = findings.filter { $0.severity == .error }.count
            let warnings = findings.filter { $0.severity == .warning }.count
            Console.error("\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
        case .json:
            try ConvertJob.writeFindingsJSON(findings)
        }
        if findings.contains(where: { $0.severity == .error }) { throw ExitCode(ExitStatus.findings) }
    }
}
