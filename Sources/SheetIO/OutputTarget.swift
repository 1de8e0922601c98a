import SheetKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command writes: a path (written atomically) or standard output, and in which format.
public struct OutputTarget: Sendable {
    /// nil for standard output.
    public var path: String?
    public var format: FileFormat

    /// Resolves an OUTPUT argument: `-` is standard output in the format `to` (default CSV); a path's
    /// format follows its extension.
    ///
    /// - Throws: ``UsageError`` for an extension or `--to` value okrsheet cannot write, or `to` that
    ///   contradicts the extension.
    public init(_ argument: String, to: String?, allowed: Set<FileFormat>) throws {
        let requested = try to.map { name -> FileFormat in
            guard let f = FileFormat(pathExtension: name), allowed.contains(f) else {
                throw UsageError("--to \(name): not a format this command writes (\(OutputTarget.list(allowed)))")
            }
            return f
        }
        if argument == "-" {
            path = nil
            format = requested ?? .csv
            return
        }
        path = argument
        let ext = InputFile.pathExtension(of: argument)
        if ext == "xlsm" || ext == "xls" || ext == "xlsb" {
            throw UsageError("\(argument): okrsheet writes .xlsx workbooks (no macros, not the legacy formats); name the output .xlsx")
        }
        guard let byName = FileFormat(pathExtension: ext), allowed.contains(byName) else {
            throw UsageError("\(argument): cannot tell the output format from \(ext.isEmpty ? "a name without extension" : "the extension .\(ext)"); "
                + "use one of \(OutputTarget.list(allowed)), or - with --to FORMAT")
        }
        if let requested, requested != byName {
            throw UsageError("--to \(requested.rawValue) contradicts the output name \(argument)")
        }
        format = byName
    }

    static func list(_ formats: Set<FileFormat>) -> String {
        let extensions: [FileFormat: String] = [.csv: ".csv", .tsv: ".tsv", .xlsx: ".xlsx", .xlsm: ".xlsm",
                                               .ods: ".ods", .json: ".json", .markdown: ".md"]
        return FileFormat.allCases.filter(formats.contains).compactMap { extensions[$0] }.joined(separator: ", ")
    }

    /// Refuses an output that is one of the inputs (same file, by device and inode, or same path).
    public func refuseOverwriting(_ inputs: [InputFile]) throws {
        guard let path else { return }
        var out = stat()
        guard stat(path, &out) == 0 else { return }
        for input in inputs {
            var inp = stat()
            if stat(input.path, &inp) == 0, inp.st_dev == out.st_dev, inp.st_ino == out.st_ino {
                throw UsageError("\(path) is also an input; write to another file (okrsheet never overwrites an input unless asked with --in-place)")
            }
        }
    }
}
