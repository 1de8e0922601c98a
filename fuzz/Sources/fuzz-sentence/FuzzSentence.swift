import CFuzzerDriver
import FuzzValueSetup
import OKRMapping

/// libFuzzer target: the key-result sentence parser. The first byte picks the convention, language,
/// fiscal year and reference period (see ``ValueSetup``).
@_cdecl("LLVMFuzzerTestOneInput")
public func test(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let setup = ValueSetup(data, size) else { return 0 }
    let facts = KeyResultSentence.parse(setup.text, parser: setup.parser, reference: setup.reference)
    for value in [facts.start, facts.target, facts.changePercent] {
        if let value, !value.isFinite {
            fatalError("parse(\(setup.text.debugDescription)) gave a value that is not finite: \(facts)")
        }
    }
    return 0
}

/// The process's entry point where SwiftPM renames `main` (Linux); see CFuzzerDriver.h.
@_cdecl("fuzz_sentence_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    okrsheet_fuzz_run(argc, argv) { data, size in data.map { test($0, size) } ?? 0 }
}
