import ArgumentParser
import Foundation
import OKRCore
import OKRMapping
import SheetIO
import SheetKit

/// `okrsheet update TEMPLATE --from DATA --rules RULES (--output OUT | --in-place | --dry-run)`.
struct Update: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write new current values from a finance export into an OKR template, and recompute its progress, score and status cells.",
        discussion: """
        The rules file (YAML) says which key result gets which aggregate of the export (sum, count, count_distinct, avg, min, max, last) over which rows; see mappings/rules-example.yaml. A rule with "kpi:" instead of "key_result:" fills one value per month (per: week, quarter…) into a KPI sheet, in the same pass; see mappings/rules-kpi-example.yaml. The export is read once, in any format okrsheet reads. Only the changed cells are rewritten: an XLSX/XLSM or ODS template keeps every other cell, style and part (an XLSX one is marked to recalculate on open), a CSV template keeps its encoding, delimiter, line ends and byte order mark.

        Exit status: 0 done (warnings included), 1 --strict and a rule matched no key result, 2 bad usage, 3 bad input (including a malformed rules file, an unknown column or an ambiguous key result).

        Examples:
          okrsheet update okr.csv --from grootboek.csv --rules rules.yaml --dry-run
          okrsheet update okr.csv --from gb.csv --rules r.yaml --in-place --report r.csv
        """
    )

    @Argument(help: "The OKR template to update.")
    var template: String

    @Option(name: .customLong("from"), help: ArgumentHelp("The finance export (ledger CSV, XLSX or ODS).", valueName: "DATA"))
    var data: String

    @Option(help: ArgumentHelp("The rules file (YAML).", valueName: "RULES"))
    var rules: String

    @Option(help: ArgumentHelp("Write the updated template here (the template's own format).", valueName: "OUT"))
    var output: String?

    @Flag(help: "Replace the template, after keeping a dated backup NAME.YYYYMMDD-HHMMSS.bak.EXT beside it.")
    var inPlace = false

    @Flag(help: "Write nothing; print the table of what would change.")
    var dryRun = false

    @Flag(help: "Exit with status 1 when a rule matches no key result (or KPI).")
    var strict = false

    @Option(help: ArgumentHelp("Also write the table, the unmatched rules and the skipped rows to FILE.csv or FILE.json.", valueName: "FILE"))
    var report: String?

    @OptionGroup var templateOptions: TemplateOptions

    func run() throws {
        let modes = [output != nil, inPlace, dryRun].filter { $0 }.count
        guard modes == 1 else {
            throw UsageError("update needs exactly one of --output OUT, --in-place or --dry-run")
        }
        if let report {
            let ext = report.split(separator: ".").last.map { $0.lowercased() } ?? ""
            guard report.contains("."), UpdateReport.extensions.contains(ext) else {
                throw UsageError("--report \(report): name a .csv or .json file")
            }
        }
        if inPlace, template == "-" {
            throw UsageError("--in-place needs a template file, not standard input")
        }
        let templateFile = try InputFile(template)
        if let output {
            try checkOutput(output, template: templateFile)
        }
        var job = UpdateJob(template: template, data: data, rules: rules)
        job.options = try templateOptions.importOptions()
        job.dryRun = dryRun
        let plan = try job.plan()
        Console.report(plan.warnings)
        let listed = plan.aggregate.skipped.prefix(10)
        Console.report(Array(listed))
        if plan.aggregate.skippedRows > listed.count {
            Console.error("\(plan.ledger): warning: \(plan.aggregate.skippedRows) rows skipped in all (cells that did not parse)"
                + (report == nil ? "; --report FILE.csv lists them" : "; the report lists them"))
        }
        if let report { try UpdateReport.write(plan, to: report) }
        if dryRun {
            FileHandle.standardOutput.write(Data(UpdateReport.text(plan).utf8))
        } else if inPlace {
            if let backup = try job.writeInPlace(plan) {
                Console.error("\(plan.template): \(summary(plan)); backup kept as \(backup)")
            } else {
                Console.error("\(plan.template): nothing to change")
            }
        } else if let output {
            try job.write(plan, to: output)
            Console.error("\(output): \(summary(plan))")
        }
        if strict, !plan.unmatched.isEmpty { throw ExitCode(ExitStatus.findings) }
    }

    func summary(_ plan: UpdatePlan) -> String {
        let updated = plan.rows.filter(\.changed).count
        var parts: [String] = []
        if !plan.rows.isEmpty || plan.kpiRows.isEmpty { parts.append("\(updated) key result\(updated == 1 ? "" : "s") updated") }
        if !plan.kpiRows.isEmpty {
            let values = plan.kpiRows.filter(\.changed).count
            parts.append("\(values) KPI value\(values == 1 ? "" : "s") updated")
        }
        parts.append("\(plan.edits.count) cell\(plan.edits.count == 1 ? "" : "s") changed")
        return parts.joined(separator: ", ")
    }

    /// Refuses an output that is the template (without --in-place) or in another format than the template's.
    func checkOutput(_ output: String, template: InputFile) throws {
        let target = try OutputTarget(output, to: nil, allowed: [.csv, .tsv, .xlsx, .xlsm, .ods])
        try target.refuseOverwriting([template])
        if output == template.displayName {
            throw UsageError("\(output) is the template; use --in-place to replace it (a dated backup is kept)")
        }
        let family: (FileFormat) -> String = { [.csv, .tsv].contains($0) ? "csv" : [.xlsx, .xlsm].contains($0) ? "xlsx" : $0.rawValue }
        if let byName = FileFormat(pathExtension: template.pathExtension), family(byName) != family(target.format) {
            throw UsageError("--output \(output): update writes the template's own format; name the output .\(template.pathExtension)")
        }
    }
}
