/// A fast writer of XML text: markup goes in as is, text and attribute values are escaped only when they
/// need it, and the bytes go out in 64 KiB pieces to a sink (a ZIP entry stream, a buffer).
public final class XMLTextWriter {
    // Touched by every write; a writer is used from one thread, never reentrantly: no dynamic
    // exclusivity checks.
    @exclusivity(unchecked) @usableFromInline var buffer: [UInt8] = []
    @usableFromInline let flushAt: Int
    let sink: (UnsafeRawBufferPointer) throws -> Void

    public init(flushAt: Int = 1 << 16, sink: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        self.flushAt = flushAt
        self.sink = sink
        buffer.reserveCapacity(flushAt + 1024)
    }

    /// Markup, written as is.
    @inlinable
    public func raw(_ markup: String) throws {
        var s = markup
        s.withUTF8 { buffer.append(contentsOf: $0) }
        if buffer.count >= flushAt { try flush() }
    }

    /// Markup known at compile time, written as is.
    @inlinable
    public func raw(_ markup: StaticString) throws {
        buffer.append(contentsOf: UnsafeBufferPointer(start: markup.utf8Start, count: markup.utf8CodeUnitCount))
        if buffer.count >= flushAt { try flush() }
    }

    /// A non-negative integer in decimal digits.
    @inlinable
    public func decimal(_ value: Int) throws {
        var v = value < 0 ? 0 : value
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        let count = withUnsafeMutableBytes(of: &digits) { out -> Int in
            var i = 24
            repeat {
                i -= 1
                out[i] = UInt8(48 + v % 10)
                v /= 10
            } while v > 0 && i > 0
            buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: out[i...]))
            return 24 - i
        }
        _ = count
        if buffer.count >= flushAt { try flush() }
    }

    /// One byte of markup.
    @inlinable
    public func byte(_ b: UInt8) {
        buffer.append(b)
    }

    /// Bytes copied as they are.
    public func raw(bytes: [UInt8]) throws {
        try bytes.withUnsafeBufferPointer { try raw(bytes: $0) }
    }

    /// Bytes copied as they are (a piece of a part being patched).
    public func raw(bytes: UnsafeBufferPointer<UInt8>) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= flushAt { try flush() }
    }

    /// Character data: `&`, `<` and `>` escaped; characters XML 1.0 forbids are handed to `invalid`, which
    /// returns their replacement (XLSX writes `_x0001_`).
    public func text(_ value: String, invalid: (UInt8) -> String = { _ in "" }) throws {
        try escaped(value, attribute: false, invalid: invalid)
    }

    /// An attribute value (without the quotes): also `"` and line breaks escaped.
    public func attribute(_ value: String) throws {
        try escaped(value, attribute: true, invalid: { _ in "" })
    }

    func escaped(_ value: String, attribute: Bool, invalid: (UInt8) -> String) throws {
        var s = value
        s.withUTF8 { bytes in
            var clean = true
            for b in bytes where b < 0x20 || b == 0x26 || b == 0x3C || b == 0x3E || (attribute && b == 0x22) {
                clean = false
                break
            }
            if clean {
                buffer.append(contentsOf: bytes)
                return
            }
            for b in bytes {
                switch b {
                case 0x26: buffer.append(contentsOf: "&amp;".utf8)
                case 0x3C: buffer.append(contentsOf: "&lt;".utf8)
                case 0x3E: buffer.append(contentsOf: "&gt;".utf8)
                case 0x22 where attribute: buffer.append(contentsOf: "&quot;".utf8)
                case 0x09, 0x0A, 0x0D:
                    if attribute { buffer.append(contentsOf: "&#\(b);".utf8) } else { buffer.append(b) }
                case ..<0x20: buffer.append(contentsOf: invalid(b).utf8)
                default: buffer.append(b)
                }
            }
        }
        if buffer.count >= flushAt { try flush() }
    }

    /// Hands everything buffered to the sink.
    public func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try sink($0) }
        buffer.removeAll(keepingCapacity: true)
    }
}
