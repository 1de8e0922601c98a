extension OOXMLEscape {
    /// The text with what XML cannot hold written as `_xHHHH_`, and a literal `_xHHHH_` protected as
    /// `_x005F_xHHHH_`, so that ``decode(_:)`` gives the text back.
    static func encode(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var needs = false
        for (i, b) in bytes.enumerated() where (b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D) || (b == 0x5F && looksEscaped(bytes, i)) {
            needs = true
            break
        }
        guard needs else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        for (i, b) in bytes.enumerated() {
            if b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D {
                out.append(contentsOf: "_x00".utf8)
                out.append(contentsOf: hex(b))
                out.append(0x5F)
            } else if b == 0x5F && looksEscaped(bytes, i) {
                out.append(contentsOf: "_x005F_".utf8)
            } else {
                out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hex(_ b: UInt8) -> [UInt8] {
        let digits = Array("0123456789ABCDEF".utf8)
        return [digits[Int(b >> 4)], digits[Int(b & 0xF)]]
    }

    /// Whether `_xHHHH_` starts at `i`.
    private static func looksEscaped(_ bytes: [UInt8], _ i: Int) -> Bool {
        guard i + 6 < bytes.count, bytes[i + 1] == UInt8(ascii: "x"), bytes[i + 6] == 0x5F else { return false }
        for j in (i + 2)...(i + 5) {
            let c = bytes[j]
            guard (0x30...0x39).contains(c) || (0x41...0x46).contains(c) || (0x61...0x66).contains(c) else { return false }
        }
        return true
    }
}
