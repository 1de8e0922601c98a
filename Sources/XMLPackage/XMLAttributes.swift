/// The attributes of one start tag, valid only during the callback that hands them over.
///
/// Values have their character and predefined entity references replaced (``XMLBytes/string`` also
/// turns back the `&#38;` that libxml2 writes for `&`).
public struct XMLAttributes {
    // libxml2's SAX2 layout: five pointers per attribute (local name, prefix, URI, value, value end).
    @usableFromInline let base: UnsafePointer<UnsafePointer<UInt8>?>?
    /// The number of attributes.
    public let count: Int
    @usableFromInline unowned(unsafe) let namespaces: XMLNamespaceMap

    @usableFromInline
    init(base: UnsafePointer<UnsafePointer<UInt8>?>?, count: Int, namespaces: XMLNamespaceMap) {
        self.base = base
        self.count = base == nil ? 0 : max(count, 0)
        self.namespaces = namespaces
    }

    /// The name of attribute `i` (0-based, below ``count``).
    @inlinable
    public func name(at i: Int) -> XMLName {
        guard let base, i >= 0, i < count else { return XMLName(localName: XMLBytes(start: nil, count: 0), namespace: 0) }
        let local = base[5 * i]
        return XMLName(localName: XMLBytes(start: local, count: local.map(Self.length) ?? 0),
                       namespace: namespaces.id(of: base[5 * i + 2]))
    }

    /// The local name of attribute `i` (0-based, below ``count``), without resolving its namespace.
    @inlinable
    public func localName(at i: Int) -> XMLBytes {
        guard let base, i >= 0, i < count else { return XMLBytes(start: nil, count: 0) }
        let local = base[5 * i]
        return XMLBytes(start: local, count: local.map(Self.length) ?? 0)
    }

    /// Whether attribute `i` has a namespace (`r:id`, `xml:space`) rather than none (`r`, `t`, `s`).
    @inlinable
    public func isQualified(at i: Int) -> Bool {
        guard let base, i >= 0, i < count else { return false }
        return base[5 * i + 2] != nil
    }

    /// The value of attribute `i` (0-based, below ``count``).
    @inlinable
    public func value(at i: Int) -> XMLBytes {
        guard let base, i >= 0, i < count, let start = base[5 * i + 3], let end = base[5 * i + 4] else {
            return XMLBytes(start: nil, count: 0)
        }
        return XMLBytes(start: start, count: max(end - start, 0), isAttributeValue: true)
    }

    /// The value of the unqualified attribute called `local`, or nil.
    @inlinable
    public subscript(_ local: StaticString) -> XMLBytes? {
        for i in 0..<count where !isQualified(at: i) && localName(at: i).equals(local) { return value(at: i) }
        return nil
    }

    /// The value of the attribute called `local` in the namespace with id `namespace`, or nil.
    @inlinable
    public func value(of local: StaticString, in namespace: Int) -> XMLBytes? {
        for i in 0..<count where name(at: i).is(local, in: namespace) { return value(at: i) }
        return nil
    }

    @usableFromInline
    static func length(_ p: UnsafePointer<UInt8>) -> Int {
        var n = 0
        while p[n] != 0 { n += 1 }
        return n
    }
}
