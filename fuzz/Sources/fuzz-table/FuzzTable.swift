import CFuzzerDriver
import FuzzSupport
import SheetIO
import SheetKit

/// libFuzzer target: `okrsheet table INPUT OUTPUT` as the command runs it (``TableJob``): the format
/// sniffed from the raw bytes, the default sheet chosen, and the cells written to CSV, XLSX or ODS
/// (chosen by the input's length, so that the bytes stay the file's bytes). A run that fails must
/// leave no output behind.
///
/// Rows and repeated cells are capped at 200,000 (not 1,048,576 and 100,000,000): a 2 KB ODS may
/// rightly repeat a value a million times, which the debug ASan build takes over the 10 s timeout to
/// write as XLSX.
@_cdecl("LLVMFuzzerTestOneInput")
public func test(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = FuzzFile.write(data, size, ext: "xlsx")
    let output = FuzzFile.outputPath(ext: ["csv", "xlsx", "ods"][size % 3])
    do {
        var job = TableJob(input: input, output: output)
        job.limits.maxRows = 200_000
        job.limits.maxRepeatedCells = 200_000
        _ = try job.run()
    } catch is SheetError, is UsageError {
        if FuzzFile.exists(output) { fatalError("an output was left behind after an error") }
    } catch {
        fatalError("neither a SheetError nor a UsageError: \(error)")
    }
    return 0
}

/// The process's entry point where SwiftPM renames `main` (Linux); see CFuzzerDriver.h.
@_cdecl("fuzz_table_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    okrsheet_fuzz_run(argc, argv) { data, size in data.map { test($0, size) } ?? 0 }
}
