import ArgumentParser
import SheetIO
import OKRCore
import SheetKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The command line: parses, calls one library entry point, prints, and maps the outcome to an exit code.
@main
struct Okrsheet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "okrsheet",
        abstract: "Move OKR reporting data between spreadsheets (XLSX, ODS, CSV) and a clean OKR model.",
        discussion: """
        Input formats are detected from the file's bytes, never from its name; output formats follow the output's extension. Use - for standard input or output.

        Exit status: 0 success (warnings included), 1 check found errors or update --strict left a rule unmatched, 2 bad usage, 3 unreadable or bad input.
        """,
        version: "okrsheet 0.1.0",
        subcommands: [Convert.self, Check.self, Inspect.self, Table.self, Update.self]
    )

    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as SheetError {
            Console.error(error.description)
            terminate(ExitStatus.badInput)
        } catch let error as UsageError {
            Console.error("okrsheet: \(error)")
            terminate(ExitStatus.usage)
        } catch let code as ExitCode {
            terminate(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                terminate(0)
            }
            Console.error(fullMessage(for: error))
            terminate(ExitStatus.usage)
        }
    }
}

/// Ends the process with `code` (the C library's `exit`, which flushes standard output).
func terminate(_ code: Int32) -> Never {
    #if canImport(Glibc)
    Glibc.exit(code)
    #else
    Darwin.exit(code)
    #endif
}

/// The exit statuses of DESIGN.md.
enum ExitStatus {
    static let findings: Int32 = 1
    static let usage: Int32 = 2
    static let badInput: Int32 = 3
}

/// Where messages go: standard error, like a compiler's.
enum Console {
    static func error(_ text: String) {
        var line = text
        if !line.hasSuffix("\n") { line += "\n" }
        var bytes = Array(line.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress! + offset, $0.count - offset) }
            guard n > 0 else { return }
            offset += n
        }
    }

    static func report(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics { error(diagnostic.description) }
    }

    static func findings(_ findings: [Finding]) {
        for finding in findings { error(finding.description) }
    }
}
