import CFuzzerDriver
import CSVAdapter
import FuzzSupport
import SheetKit

/// libFuzzer target: the CSV reader over raw bytes, in every typing mode (chosen by the input's
/// length, so that the bytes stay the file's bytes).
@_cdecl("LLVMFuzzerTestOneInput")
public func test(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = FuzzFile.write(data, size, ext: "csv")
    var options = CSVReadOptions()
    switch size % 3 {
    case 0: options.typing = .text
    case 1: options.typing = .inferred(locale: nil)
    default: options.typing = .inferred(locale: NumberLocale(identifier: size % 2 == 0 ? "nl-BE" : "en-US"))
    }
    readEverySheet { try CSVReader(path: path, displayName: "fuzz.csv", options: options) }
    return 0
}

/// The process's entry point where SwiftPM renames `main` (Linux); see CFuzzerDriver.h.
@_cdecl("fuzz_csv_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    okrsheet_fuzz_run(argc, argv) { data, size in data.map { test($0, size) } ?? 0 }
}
