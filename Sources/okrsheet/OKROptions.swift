import ArgumentParser
import OKRCore
import OKRMapping
import SheetKit

/// The options `convert`, `check` and `inspect` share for reading a template.
struct TemplateOptions: ParsableArguments {
    @Option(help: "A mapping file (YAML) naming the template's headers; default: the built-in nl/fr/en mapping.")
    var mapping: String?

    @Option(help: "The sheet holding the OKRs (default: the first visible sheet with an OKR header).")
    var sheet: String?

    @Option(help: "The day statuses are judged on, YYYY-MM-DD (default: today).")
    var asOf: String?

    @Option(help: "The reporting period: 2026-Q2, Q2 2026, K2 2026, T2 2026, 2026-05, 2026 or YYYY-MM-DD..YYYY-MM-DD (default: the template's own).")
    var period: String?

    @Option(help: "The first month of the fiscal year, 1–12 (default: the mapping's, else 1).")
    var fiscalYearStart: Int?

    @OptionGroup var limitOptions: LimitOptions

    /// The import options these flags ask for.
    func importOptions() throws -> ImportOptions {
        var options = ImportOptions()
        if let mapping { options.mapping = try Mapping.load(path: mapping) }
        options.sheet = sheet
        if let fiscalYearStart {
            guard (1...12).contains(fiscalYearStart) else { throw ValidationError("--fiscal-year-start \(fiscalYearStart): expected a month, 1 to 12") }
            options.fiscalYearStart = fiscalYearStart
        }
        if let period {
            guard let p = PeriodParser.parse(period, fiscalYearStartMonth: options.fiscalYearStart ?? options.mapping.fiscalYearStart) else {
                throw ValidationError("--period \(period): expected 2026-Q2, Q2 2026, K2 2026, T2 2026, 2026-05, 2026 or YYYY-MM-DD..YYYY-MM-DD")
            }
            options.period = p
        }
        if let asOf {
            guard let d = CivilDate(iso: asOf) else { throw ValidationError("--as-of \(asOf): expected YYYY-MM-DD") }
            options.asOf = d
        } else {
            options.asOf = CivilDate.today()
        }
        options.limits = try limitOptions.limits()
        return options
    }
}
