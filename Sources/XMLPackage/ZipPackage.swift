// PLACEHOLDER: replaced by the XLSX helper.
import SheetKit

public final class ZipPackage {
    public let entryNames: [String]
    public init(path: String, displayName: String, limits: Limits = Limits()) throws { entryNames = [] }
    public func contains(_ name: String) -> Bool { entryNames.contains(name) }
}
