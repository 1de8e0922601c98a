import ArgumentParser
import SheetIO
import SheetKit

/// `--limits rows=N,entry-bytes=N,…`: raises the safety limits for a trusted file.
struct LimitOptions: ParsableArguments {
    @Option(name: .customLong("limits"),
            help: ArgumentHelp("Raise safety limits for a trusted file: NAME=N[,NAME=N…].",
                               discussion: "Names: \(Limits.names.joined(separator: ", ")).",
                               valueName: "LIMITS"))
    var specification: String?

    func limits() throws -> Limits {
        var limits = Limits()
        guard let specification else { return limits }
        for pair in specification.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces }
            guard parts.count == 2, let value = Int64(parts[1].replacingUnderscores), value > 0 else {
                throw ValidationError("--limits: expected NAME=N, got \"\(pair)\"")
            }
            guard limits.set(parts[0], to: value) else {
                throw ValidationError("--limits: unknown limit \"\(parts[0])\"; known: \(Limits.names.joined(separator: ", "))")
            }
        }
        return limits
    }
}

/// Parses a one-character delimiter as people type it: `,` `;` `|` `tab` `\t`.
func parseDelimiter(_ text: String, flag: String) throws -> UInt8 {
    switch text.lowercased() {
    case "tab", "\\t", "\t": return 9
    case "comma": return 44
    case "semicolon": return 59
    case "pipe": return 124
    default:
        let bytes = Array(text.utf8)
        guard bytes.count == 1, bytes[0] != 34, bytes[0] != 10, bytes[0] != 13 else {
            throw ValidationError("\(flag) \(text): expected one character such as , ; | or tab")
        }
        return bytes[0]
    }
}

extension String {
    var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }

    var replacingUnderscores: String { filter { $0 != "_" } }
}
