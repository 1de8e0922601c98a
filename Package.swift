// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "okrsheet",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "okrsheet", targets: ["okrsheet"]),
        .library(name: "SheetKit", targets: ["SheetKit"]),
        .library(name: "SheetIO", targets: ["SheetIO"]),
        .library(name: "OKRMapping", targets: ["OKRMapping"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .target(name: "SheetKit"),
        .target(
            name: "XMLPackage",
            dependencies: ["SheetKit", "CLibXML2"],
            linkerSettings: [.linkedLibrary("z")]
        ),
        .target(name: "CCSVScan"),
        .target(name: "CSVAdapter", dependencies: ["SheetKit", "CCSVScan"]),
        .target(name: "XLSXAdapter", dependencies: ["SheetKit", "XMLPackage", "CLibXML2"]),
        .target(name: "ODSAdapter", dependencies: ["SheetKit", "XMLPackage"]),
        .target(name: "OKRCore", dependencies: ["SheetKit"]),
        .target(
            name: "OKRMapping",
            dependencies: ["SheetKit", "OKRCore", "SheetIO", "CSVAdapter", "XLSXAdapter", "ODSAdapter", .product(name: "Yams", package: "Yams")]
        ),
        .target(name: "SheetIO", dependencies: ["SheetKit", "CSVAdapter", "XMLPackage", "XLSXAdapter", "ODSAdapter"]),
        .executableTarget(
            name: "okrsheet",
            dependencies: ["SheetIO", "SheetKit", "OKRMapping", "OKRCore", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "SheetKitTests", dependencies: ["SheetKit"]),
        .testTarget(name: "CSVAdapterTests", dependencies: ["CSVAdapter", "SheetKit"], exclude: ["Fixtures"]),
        .testTarget(name: "XLSXAdapterTests", dependencies: ["XLSXAdapter", "XMLPackage", "SheetKit"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "ODSAdapterTests", dependencies: ["ODSAdapter", "XMLPackage", "SheetKit"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "OKRCoreTests", dependencies: ["OKRCore", "SheetKit"]),
        .testTarget(name: "OKRMappingTests", dependencies: ["OKRMapping", "OKRCore", "SheetKit", "XLSXAdapter", "ODSAdapter", "XMLPackage"], exclude: ["Golden", "Fixtures"]),
        .testTarget(name: "CLITests", dependencies: ["SheetIO", "SheetKit"]),
    ],
    swiftLanguageModes: [.v6]
)
