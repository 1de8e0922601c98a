/// One relationship of an OPC `.rels` part.
struct Relationship: Sendable, Hashable {
    var id: String
    /// The relationship type URI (`…/relationships/worksheet`).
    var type: String
    /// The target as written.
    var target: String
    /// `TargetMode="External"`: a URL outside the package.
    var isExternal: Bool

    /// Whether the type ends with `/kind` (transitional and Strict types differ only in their prefix).
    func isOfKind(_ kind: String) -> Bool {
        type.hasSuffix("/" + kind)
    }
}
