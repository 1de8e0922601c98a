/// The name of an element or attribute: its local name and its namespace, resolved by the parser
/// from the SAX2 namespace URI (so prefixes such as `x:` do not matter).
public struct XMLName {
    /// The local name (`c` in `<x:c>`).
    public let localName: XMLBytes
    /// The namespace's id in the parser's ``XMLNamespaceMap``: ``XMLNamespaceMap/unknown`` for a
    /// namespace it does not list, its `noNamespace` id for an unqualified name.
    public let namespace: Int

    @inlinable
    public init(localName: XMLBytes, namespace: Int) {
        self.localName = localName
        self.namespace = namespace
    }

    /// Whether the name is `local` in the namespace with id `namespace`.
    @inlinable
    public func `is`(_ local: StaticString, in namespace: Int) -> Bool {
        self.namespace == namespace && localName.equals(local)
    }
}
