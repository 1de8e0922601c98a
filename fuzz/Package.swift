// swift-tools-version:6.0
// libFuzzer targets for okrsheet's readers and value parsers; build and run them with `fuzz/run`
// (see docs/fuzzing.md). A separate package so that the fuzzer flags never reach the main build.
import PackageDescription

let okrsheet = "okrsheet"

let package = Package(
    name: "okrsheet-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: okrsheet, path: ".."),
    ],
    targets: [
        .target(name: "CFuzzerDriver"),
        .target(name: "FuzzSupport", dependencies: [.product(name: "SheetKit", package: okrsheet)]),
        .target(name: "FuzzValueSetup", dependencies: [.product(name: "OKRMapping", package: okrsheet)]),
        .executableTarget(name: "fuzz-csv", dependencies: ["CFuzzerDriver", "FuzzSupport", .product(name: "SheetIO", package: okrsheet)]),
        .executableTarget(name: "fuzz-xlsx", dependencies: ["CFuzzerDriver", "FuzzSupport", .product(name: "SheetIO", package: okrsheet)]),
        .executableTarget(name: "fuzz-ods", dependencies: ["CFuzzerDriver", "FuzzSupport", .product(name: "SheetIO", package: okrsheet)]),
        .executableTarget(name: "fuzz-xlsx-sheet", dependencies: ["CFuzzerDriver", "FuzzSupport", .product(name: "SheetIO", package: okrsheet)]),
        .executableTarget(name: "fuzz-ods-content", dependencies: ["CFuzzerDriver", "FuzzSupport", .product(name: "SheetIO", package: okrsheet)]),
        .executableTarget(name: "fuzz-table", dependencies: ["CFuzzerDriver", "FuzzSupport", .product(name: "SheetIO", package: okrsheet)]),
        .executableTarget(name: "fuzz-values", dependencies: ["CFuzzerDriver", "FuzzValueSetup", .product(name: "OKRMapping", package: okrsheet)]),
        .executableTarget(name: "fuzz-sentence", dependencies: ["CFuzzerDriver", "FuzzValueSetup", .product(name: "OKRMapping", package: okrsheet)]),
    ],
    swiftLanguageModes: [.v6]
)
