/// A run of UTF-8 bytes owned by the XML parser (a name or an attribute value), valid only during the
/// callback that hands it over. Compare it with ``equals(_:)`` rather than making a `String`.
public struct XMLBytes {
    /// The first byte (nil when empty).
    public let start: UnsafePointer<UInt8>?
    /// The number of bytes.
    public let count: Int
    /// An attribute value from libxml2, which (without entity substitution) hands over each `&` as
    /// the character reference `&#38;`; ``string`` turns those back.
    @usableFromInline let isAttributeValue: Bool

    @inlinable
    public init(start: UnsafePointer<UInt8>?, count: Int) {
        self.init(start: start, count: count, isAttributeValue: false)
    }

    @inlinable
    init(start: UnsafePointer<UInt8>?, count: Int, isAttributeValue: Bool) {
        self.start = start
        self.count = start == nil ? 0 : count
        self.isAttributeValue = isAttributeValue
    }

    /// The bytes as a buffer.
    @inlinable
    public var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: start, count: count) }

    /// Whether the bytes spell `text` exactly (ASCII names such as `c`, `row`, `sheetData`).
    @inlinable
    public func equals(_ text: StaticString) -> Bool {
        guard count == text.utf8CodeUnitCount else { return false }
        guard let start else { return count == 0 }
        let other = text.utf8Start
        for i in 0..<count where start[i] != other[i] { return false }
        return true
    }

    /// The first byte, or nil when empty.
    @inlinable
    public var first: UInt8? { count > 0 ? start?.pointee : nil }

    /// A `String` of the bytes (one allocation for text over 15 bytes).
    public var string: String {
        guard isAttributeValue, buffer.contains(UInt8(ascii: "&")) else { return String(decoding: buffer, as: UTF8.self) }
        let escaped: [UInt8] = Array("&#38;".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(count)
        var i = 0
        while i < count {
            if buffer[i] == UInt8(ascii: "&"), i + 5 <= count, buffer[i..<(i + 5)].elementsEqual(escaped) {
                out.append(UInt8(ascii: "&"))
                i += 5
            } else {
                out.append(buffer[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes as a non-negative decimal integer, or nil for anything else (or over 18 digits).
    @inlinable
    public var decimalValue: Int? {
        guard let start, count > 0, count <= 18 else { return nil }
        var value = 0
        for i in 0..<count {
            let b = start[i]
            guard b >= 48, b <= 57 else { return nil }
            value = value * 10 + Int(b - 48)
        }
        return value
    }
}
