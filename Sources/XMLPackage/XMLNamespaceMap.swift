/// Maps namespace URIs to small integers chosen by the caller, so that handlers compare an `Int`
/// rather than a URI per element. Several URIs may share an id (transitional and Strict OOXML).
public final class XMLNamespaceMap {
    /// The id of any namespace the map does not list.
    public static let unknown = 0

    @usableFromInline let uris: [[UInt8]]
    @usableFromInline let ids: [Int]
    @usableFromInline let noNamespace: Int
    // libxml2 interns URIs in its dictionary: the same URI comes back at the same address.
    // Read and written by the parser's callbacks only (one thread): no dynamic exclusivity checks.
    @exclusivity(unchecked) @usableFromInline var lastPointer: UnsafePointer<UInt8>?
    @exclusivity(unchecked) @usableFromInline var lastID = 0

    /// - Parameters:
    ///   - namespaces: each URI with the id handlers will see (ids other than 0).
    ///   - noNamespace: the id of unqualified names (default ``unknown``).
    public init(_ namespaces: [(uri: String, id: Int)], noNamespace: Int = XMLNamespaceMap.unknown) {
        uris = namespaces.map { Array($0.uri.utf8) }
        ids = namespaces.map(\.id)
        self.noNamespace = noNamespace
    }

    /// Drops the remembered URI address: a new parser has a new dictionary, whose addresses may repeat.
    func forgetCachedURI() {
        lastPointer = nil
    }

    /// The id of the NUL-terminated URI at `uri` (nil: no namespace).
    @inlinable
    public func id(of uri: UnsafePointer<UInt8>?) -> Int {
        guard let uri else { return noNamespace }
        if uri == lastPointer { return lastID }
        let id = lookUp(uri)
        lastPointer = uri
        lastID = id
        return id
    }

    @usableFromInline
    func lookUp(_ uri: UnsafePointer<UInt8>) -> Int {
        candidates: for (index, candidate) in uris.enumerated() {
            for (i, b) in candidate.enumerated() where uri[i] != b { continue candidates }
            if uri[candidate.count] == 0 { return ids[index] }
        }
        return XMLNamespaceMap.unknown
    }
}
