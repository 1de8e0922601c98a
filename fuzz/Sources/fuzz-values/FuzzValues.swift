import CFuzzerDriver
import FuzzValueSetup
import OKRMapping

/// libFuzzer target: the value parser (quantities, dates, periods) on one cell's text. The first
/// byte picks the convention, language, fiscal year and reference period (see ``ValueSetup``).
@_cdecl("LLVMFuzzerTestOneInput")
public func test(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let setup = ValueSetup(data, size) else { return 0 }
    if let quantity = setup.parser.quantity(setup.text), !quantity.value.isFinite {
        fatalError("quantity(\(setup.text.debugDescription)) is not finite: \(quantity.value)")
    }
    _ = setup.parser.date(setup.text, reference: setup.reference, fiscalYearStartMonth: setup.fiscalYearStartMonth)
    _ = PeriodParser.parse(setup.text, fiscalYearStartMonth: setup.fiscalYearStartMonth)
    _ = PeriodParser.find(in: setup.text, fiscalYearStartMonth: setup.fiscalYearStartMonth)
    if size >= 9 {
        let serial = UnsafeRawPointer(data + 1).loadUnaligned(as: Double.self)
        _ = setup.parser.date(serial: serial)
    }
    return 0
}

/// The process's entry point where SwiftPM renames `main` (Linux); see CFuzzerDriver.h.
@_cdecl("fuzz_values_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    okrsheet_fuzz_run(argc, argv) { data, size in data.map { test($0, size) } ?? 0 }
}
