import ArgumentParser
import CSVAdapter
import SheetIO
import SheetKit

/// `okrsheet table INPUT OUTPUT`.
struct Table: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert cells as they are, with no OKR meaning (faithful: text is never altered).",
        discussion: """
        CSV output is canonical: UTF-8 without BOM, ',' delimiter, '\\n' line ends, minimal quoting, the rectangle from A1 to the last non-empty cell; numbers in shortest form, dates 2026-06-30, booleans TRUE/FALSE, a formula cell as its cached value. XLSX and ODS output type a CSV's numbers and dates by the file's locale (--as-text keeps text).

        Examples:
          okrsheet table samples/grootboek.csv out.csv
          okrsheet table okr.xlsx - --sheet OKR
          okrsheet table grootboek.csv grootboek.ods
          okrsheet table export.csv excel.csv --out-delimiter ';' --bom   (Excel, Dutch PC)
          cat export.csv | okrsheet table - - --to tsv
        """
    )

    @Argument(help: "The file to read (- for standard input). Its format is detected from its bytes.")
    var input: String

    @Argument(help: "The file to write (- for standard output); the extension picks the format: .csv, .tsv, .xlsx, .ods.")
    var output: String

    @Option(help: "The sheet to read (default: the first visible sheet).")
    var sheet: String?

    @Option(help: "CSV input: the delimiter (, ; | tab), else sniffed.")
    var delimiter: String?

    @Option(help: "CSV input: the encoding (utf-8, utf-16le, utf-16be, windows-1252), else sniffed.")
    var encoding: String?

    @Option(help: "CSV input: the locale of numbers and dates (nl-BE, nl-NL, fr-BE, en-GB, en-US), else sniffed per column.")
    var locale: String?

    @Flag(help: "Keep every CSV cell as text in XLSX/ODS output.")
    var asText = false

    @Option(help: "CSV output: the delimiter (default ,).")
    var outDelimiter: String?

    @Flag(help: "CSV output: start with a UTF-8 byte order mark.")
    var bom = false

    @Flag(help: "CSV output: end lines with CR LF.")
    var crlf = false

    @Flag(help: "CSV output: prefix ' to text starting with = + - @, tab or CR (CSV injection); numbers are never changed.")
    var neutralizeFormulas = false

    @Option(help: "The output format when OUTPUT is - (csv, tsv, xlsx, ods).")
    var to: String?

    @OptionGroup var limitOptions: LimitOptions

    func run() throws {
        var job = TableJob(input: input, output: output)
        job.to = to
        job.sheet = sheet
        job.delimiter = try delimiter.map { try parseDelimiter($0, flag: "--delimiter") }
        job.outDelimiter = try outDelimiter.map { try parseDelimiter($0, flag: "--out-delimiter") }
        job.encoding = try encoding.map { name in
            guard let e = TextEncoding(name: name) else {
                throw ValidationError("--encoding \(name): expected utf-8, utf-16le, utf-16be or windows-1252")
            }
            return e
        }
        job.locale = try locale.map { name in
            guard let l = NumberLocale(identifier: name) else {
                throw ValidationError("--locale \(name): expected nl-BE, nl-NL, fr-BE, fr-FR, en-GB or en-US")
            }
            return l
        }
        job.asText = asText
        job.bom = bom
        job.crlf = crlf
        job.neutralizeFormulas = neutralizeFormulas
        job.limits = try limitOptions.limits()
        Console.report(try job.run())
    }
}
