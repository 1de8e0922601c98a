/// Guesses a CSV file's delimiter, Excel `sep=` line and line ends from its first decoded bytes.
enum CSVDialectSniffer {
    /// The delimiters tried, in the order that wins a tie.
    static let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), 9, UInt8(ascii: "|")]
    /// Records looked at per candidate.
    static let sampleRecords = 100

    /// The delimiter of an Excel `sep=;` first line and the line's length with its line end.
    static func sepLine(_ s: UnsafeBufferPointer<UInt8>) -> (delimiter: UInt8, length: Int)? {
        let n = s.count
        guard n >= 5, s[0] | 0x20 == UInt8(ascii: "s"), s[1] | 0x20 == UInt8(ascii: "e"), s[2] | 0x20 == UInt8(ascii: "p"),
              s[3] == UInt8(ascii: "=") else { return nil }
        let d = s[4]
        guard d != 0, d != CSVScanner.quote, d != CSVScanner.cr, d != CSVScanner.lf else { return nil }
        if n == 5 { return (d, 5) }
        switch s[5] {
        case CSVScanner.lf: return (d, 6)
        case CSVScanner.cr: return (d, n > 6 && s[6] == CSVScanner.lf ? 7 : 6)
        default: return nil
        }
    }

    /// The candidate that splits the sample's records into the most consistent number of fields
    /// (at least two); `,` when none does.
    ///
    /// - Parameters:
    ///   - complete: the sample is the whole file, so its last line counts even without a line end.
    static func delimiter(_ s: UnsafeBufferPointer<UInt8>, complete: Bool) -> UInt8 {
        var best: (delimiter: UInt8, consistency: Double, fields: Int)?
        for d in candidates {
            let counts = fieldCounts(s, delimiter: d, complete: complete)
            guard !counts.isEmpty else { continue }
            var frequency: [Int: Int] = [:]
            for c in counts { frequency[c, default: 0] += 1 }
            guard let (mode, hits) = frequency.max(by: { ($0.value, $0.key) < ($1.value, $1.key) }), mode >= 2 else { continue }
            let consistency = Double(hits) / Double(counts.count)
            if let b = best, (b.consistency, b.fields) >= (consistency, mode) { continue }
            best = (d, consistency, mode)
        }
        return best?.delimiter ?? UInt8(ascii: ",")
    }

    /// Fields per non-empty record with delimiter `d`, quotes respected.
    static func fieldCounts(_ s: UnsafeBufferPointer<UInt8>, delimiter d: UInt8, complete: Bool) -> [Int] {
        var counts: [Int] = []
        var i = 0
        var fields = 1
        var inQuotes = false, atFieldStart = true, hasContent = false
        let n = s.count
        while i < n, counts.count < sampleRecords {
            let b = s[i]
            i += 1
            if inQuotes {
                if b == CSVScanner.quote {
                    if i < n, s[i] == CSVScanner.quote { i += 1 } else { inQuotes = false }
                }
                continue
            }
            switch b {
            case CSVScanner.quote where atFieldStart:
                inQuotes = true
                atFieldStart = false
                hasContent = true
            case d:
                fields += 1
                atFieldStart = true
                hasContent = true
            case CSVScanner.lf, CSVScanner.cr:
                if hasContent { counts.append(fields) }
                if b == CSVScanner.cr, i < n, s[i] == CSVScanner.lf { i += 1 }
                fields = 1
                atFieldStart = true
                hasContent = false
            default:
                atFieldStart = false
                hasContent = true
            }
        }
        if complete, hasContent, !inQuotes, counts.count < sampleRecords { counts.append(fields) }
        return counts
    }

    /// The first line end in the sample (LF when there is none).
    static func lineEnding(_ s: UnsafeBufferPointer<UInt8>) -> CSVDialect.LineEnding {
        for i in 0..<s.count {
            if s[i] == CSVScanner.lf { return .lf }
            if s[i] == CSVScanner.cr { return i + 1 < s.count && s[i + 1] == CSVScanner.lf ? .crlf : .cr }
        }
        return .lf
    }
}
