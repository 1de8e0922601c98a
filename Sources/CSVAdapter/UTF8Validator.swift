/// Checks UTF-8 chunk by chunk, remembering a sequence cut at a chunk's end (overlongs, surrogates
/// and code points past U+10FFFF are invalid, as in `String(validating:)`).
struct UTF8Validator {
    /// Continuation bytes the current sequence still needs.
    private var needed = 0
    private var lower: UInt8 = 0x80
    private var upper: UInt8 = 0xBF
    /// Stream offset of the current sequence's lead byte.
    private(set) var sequenceStart: Int64 = 0
    /// The current sequence's lead byte.
    private(set) var leadByte: UInt8 = 0

    /// Whether the bytes seen so far end on a character boundary.
    var isAtBoundary: Bool { needed == 0 }

    /// Validates `count` bytes that sit at stream offset `offset`.
    ///
    /// - Returns: the stream offset of the first invalid sequence's lead byte, or nil.
    mutating func validate(_ p: UnsafePointer<UInt8>, count n: Int, at offset: Int64) -> Int64? {
        var i = 0
        while i < n {
            if needed == 0 {
                while i + 8 <= n {
                    let word = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
                    if word & 0x8080_8080_8080_8080 != 0 { break }
                    i += 8
                }
                guard i < n else { break }
                let b = p[i]
                if b < 0x80 {
                    i += 1
                    continue
                }
                sequenceStart = offset + Int64(i)
                leadByte = b
                lower = 0x80
                upper = 0xBF
                switch b {
                case 0xC2...0xDF: needed = 1
                case 0xE0: needed = 2; lower = 0xA0
                case 0xE1...0xEC, 0xEE, 0xEF: needed = 2
                case 0xED: needed = 2; upper = 0x9F
                case 0xF0: needed = 3; lower = 0x90
                case 0xF1...0xF3: needed = 3
                case 0xF4: needed = 3; upper = 0x8F
                default: return sequenceStart
                }
                i += 1
            } else {
                let b = p[i]
                guard b >= lower, b <= upper else { return sequenceStart }
                lower = 0x80
                upper = 0xBF
                needed -= 1
                i += 1
            }
        }
        return nil
    }
}
