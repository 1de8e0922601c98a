import CFuzzerDriver
import FuzzSupport
import ODSAdapter

/// libFuzzer target: the ODS reader over raw ZIP bytes, reading every sheet.
@_cdecl("LLVMFuzzerTestOneInput")
public func test(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = FuzzFile.write(data, size, ext: "ods")
    readEverySheet { try ODSReader(path: path, displayName: "fuzz.ods") }
    return 0
}

/// The process's entry point where SwiftPM renames `main` (Linux); see CFuzzerDriver.h.
@_cdecl("fuzz_ods_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    okrsheet_fuzz_run(argc, argv) { data, size in data.map { test($0, size) } ?? 0 }
}
