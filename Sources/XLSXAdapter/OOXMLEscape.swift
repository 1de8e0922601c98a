#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `_xHHHH_` escapes of OOXML strings (ECMA-376 §22.9.2.19): a UTF-16 code unit written as four hex
/// digits, used for characters XML cannot hold (`_x000D_` is a carriage return). `_x005F_` escapes the
/// underscore itself, so `_x005F_x000D_` reads as the literal text `_x000D_`.
enum OOXMLEscape {
    /// The text of `bytes` with every escape decoded; a lone surrogate becomes U+FFFD.
    static func decode(_ bytes: [UInt8]) -> String {
        guard let first = firstEscape(in: bytes) else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = Array(bytes[..<first])
        out.reserveCapacity(bytes.count)
        var i = first
        var pendingHigh: UInt16?
        func flushHigh() {
            if pendingHigh != nil { append(0xFFFD, to: &out) }
            pendingHigh = nil
        }
        while i < bytes.count {
            if let unit = escape(in: bytes, at: i) {
                i += 7
                if (0xD800...0xDBFF).contains(unit) {
                    flushHigh()
                    pendingHigh = unit
                } else if (0xDC00...0xDFFF).contains(unit) {
                    if let high = pendingHigh {
                        append(0x10000 + (UInt32(high - 0xD800) << 10) + UInt32(unit - 0xDC00), to: &out)
                        pendingHigh = nil
                    } else {
                        append(0xFFFD, to: &out)
                    }
                } else {
                    flushHigh()
                    append(UInt32(unit), to: &out)
                }
            } else {
                flushHigh()
                out.append(bytes[i])
                i += 1
            }
        }
        flushHigh()
        return String(decoding: out, as: UTF8.self)
    }

    private static func firstEscape(in bytes: [UInt8]) -> Int? {
        guard bytes.count >= 7 else { return nil }
        // Most text has no underscore at all: find one with memchr before looking closer.
        let first: Int? = bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, let hit = memchr(base, 0x5F, buffer.count) else { return nil }
            return UnsafeRawPointer(hit) - UnsafeRawPointer(base)
        }
        guard var i = first else { return nil }
        while i + 7 <= bytes.count {
            if bytes[i] == UInt8(ascii: "_"), escape(in: bytes, at: i) != nil { return i }
            i += 1
        }
        return nil
    }

    /// The code unit of an escape starting at `i`, or nil.
    private static func escape(in bytes: [UInt8], at i: Int) -> UInt16? {
        guard i + 7 <= bytes.count, bytes[i] == UInt8(ascii: "_"), bytes[i + 1] == UInt8(ascii: "x"),
              bytes[i + 6] == UInt8(ascii: "_") else { return nil }
        var unit: UInt16 = 0
        for k in 2..<6 {
            let b = bytes[i + k]
            let v: UInt16
            switch b {
            case 48...57: v = UInt16(b - 48)
            case 65...70: v = UInt16(b - 55)
            case 97...102: v = UInt16(b - 87)
            default: return nil
            }
            unit = unit << 4 | v
        }
        return unit
    }

    private static func append(_ scalar: UInt32, to out: inout [UInt8]) {
        UTF8.encode(Unicode.Scalar(scalar) ?? "\u{FFFD}") { out.append($0) }
    }
}
