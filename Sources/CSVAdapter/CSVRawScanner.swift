/// Splits the raw bytes of a CSV file into records and field spans, in code units of the file's encoding
/// (one byte, or two for UTF-16), with the rules of ``CSVScanner``.
struct CSVRawScanner {
    struct FieldSpan {
        var start: Int
        var end: Int
        var quoted: Bool
    }

    let bytes: [UInt8]
    let unit: Int
    let littleEndian: Bool
    let delimiter: UInt16
    /// Where the next record starts.
    private(set) var position: Int

    init(bytes: [UInt8], dialect: CSVDialect) {
        self.bytes = bytes
        unit = dialect.encoding == .utf16le || dialect.encoding == .utf16be ? 2 : 1
        littleEndian = dialect.encoding == .utf16le
        delimiter = UInt16(dialect.delimiter)
        var bom = 0
        if dialect.hasBOM {
            // The mark the file starts with, whatever encoding the text is read in.
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bom = 3 } else if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { bom = 2 }
        }
        position = min(bom, bytes.count)
    }

    /// The delimiter in the file's encoding.
    var delimiterBytes: [UInt8] {
        unit == 1 ? [UInt8(delimiter)] : (littleEndian ? [UInt8(delimiter), 0] : [0, UInt8(delimiter)])
    }

    private func at(_ i: Int) -> UInt16 {
        if unit == 1 { return UInt16(bytes[i]) }
        return littleEndian ? UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 : UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1])
    }

    /// The next record's start and fields, nil at the end of the file.
    mutating func nextRecord() -> (start: Int, fields: [FieldSpan])? {
        let end = bytes.count - (bytes.count - position) % unit
        var i = position
        guard i < end else { return nil }
        let recordStart = i
        let quote: UInt16 = 34, cr: UInt16 = 13, lf: UInt16 = 10
        var fields: [FieldSpan] = []
        while true {
            let start = i
            var quoted = false
            if i < end, at(i) == quote {
                quoted = true
                i += unit
                while i < end {
                    if at(i) == quote {
                        if i + unit < end, at(i + unit) == quote {
                            i += 2 * unit
                            continue
                        }
                        break
                    }
                    i += unit
                }
                if i < end { i += unit }  // the closing quote
            }
            while i < end {
                let c = at(i)
                if c == delimiter || c == cr || c == lf { break }
                i += unit
            }
            fields.append(FieldSpan(start: start, end: i, quoted: quoted))
            if i >= end {
                position = end
                return (recordStart, fields)
            }
            let c = at(i)
            if c == delimiter {
                i += unit
                continue
            }
            i += unit
            if c == cr, i < end, at(i) == lf { i += unit }
            position = i
            return (recordStart, fields)
        }
    }
}
