import SheetKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file descriptor with read(2) and hands out its text as UTF-8 bytes: UTF-8 is passed
/// through (validated when asked), Windows-1252 and UTF-16 are transcoded chunk by chunk.
///
/// Offsets in errors count the UTF-8 bytes handed out (the "stream offset").
final class TranscodingInput {
    let fd: Int32
    let encoding: TextEncoding
    let displayName: String
    private let ownsDescriptor: Bool
    private var validator: UTF8Validator?
    /// Bytes handed out so far.
    private(set) var produced: Int64 = 0
    private var raw: UnsafeMutablePointer<UInt8>?
    private let rawCapacity: Int
    private var carryByte: UInt8?
    private var highSurrogate: UInt16?
    private var highSurrogateOffset: Int64 = 0
    private var finished = false
    /// Replace invalid UTF-16 by U+FFFD instead of failing (for sniffing and locating errors).
    private let lenient: Bool

    /// - Parameters:
    ///   - skip: raw bytes to drop first (a byte order mark).
    ///   - validate: check UTF-8 input (when it was not checked beforehand).
    ///   - lenient: replace invalid UTF-16 by U+FFFD rather than fail: the bytes before a problem come
    ///     out the same either way, so a second, lenient pass can locate it.
    init(fd: Int32, ownsDescriptor: Bool, encoding: TextEncoding, displayName: String, skip: Int, validate: Bool,
         lenient: Bool = false, chunkSize: Int = 1 << 20) throws {
        self.lenient = lenient
        self.fd = fd
        self.ownsDescriptor = ownsDescriptor
        self.encoding = encoding
        self.displayName = displayName
        validator = validate && encoding == .utf8 ? UTF8Validator() : nil
        rawCapacity = max(chunkSize, 4)
        if encoding != .utf8 { raw = .allocate(capacity: rawCapacity) }
        if skip > 0 {
            var dropped = [UInt8](repeating: 0, count: skip)
            _ = try dropped.withUnsafeMutableBytes { try readFully(fd, $0.baseAddress!, skip, name: displayName) }
        }
    }

    /// Opens `path` for reading.
    ///
    /// - Throws: ``SheetError/io(_:_:)``.
    static func open(path: String, displayName: String) throws -> Int32 {
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw SheetError.io(SourceLocation(file: displayName), "cannot open: \(String(cString: strerror(errno)))")
        }
        return fd
    }

    deinit {
        raw?.deallocate()
        if ownsDescriptor { _ = Glibc.close(fd) }
    }

    /// Fills up to `capacity` bytes at `dest` (capacity ≥ 16); 0 only at the end of the file.
    ///
    ///
    /// - Throws: ``CSVFailure`` for text invalid in the encoding, ``SheetError/io(_:_:)`` for read errors.
    func read(into dest: UnsafeMutablePointer<UInt8>, capacity: Int) throws -> Int {
        guard !finished else { return 0 }
        switch encoding {
        case .utf8:
            let n = try readFully(fd, dest, min(capacity, rawCapacity), once: true, name: displayName)
            if n == 0 {
                finished = true
                if let v = validator, !v.isAtBoundary { throw invalidUTF8(v) }
                return 0
            }
            if var v = validator {
                if v.validate(dest, count: n, at: produced) != nil { throw invalidUTF8(v) }
                validator = v
            }
            produced += Int64(n)
            return n
        case .windows1252:
            guard let raw else { return 0 }
            // Read straight into the destination: ASCII, most of any export, is the same in UTF-8 and
            // stays where it is. From the first other byte on the text grows (up to 3 bytes each), so
            // the rest is moved aside and transcoded back; a third of the capacity always fits.
            let n = try readFully(fd, dest, min(rawCapacity, capacity / 3), once: true, name: displayName)
            if n == 0 {
                finished = true
                return 0
            }
            let ascii = TranscodingInput.asciiRun(dest, count: n)
            var out = ascii
            if ascii < n {
                let rest = n - ascii
                raw.update(from: dest + ascii, count: rest)
                var i = 0
                while i < rest {
                    let run = TranscodingInput.asciiRun(raw + i, count: rest - i)
                    if run > 0 {
                        (dest + out).update(from: raw + i, count: run)
                        out += run
                        i += run
                        if i == rest { break }
                    }
                    out += TranscodingInput.encodeUTF8(TranscodingInput.cp1252(raw[i]), into: dest + out)
                    i += 1
                }
            }
            produced += Int64(out)
            return out
        case .utf16le, .utf16be:
            return try readUTF16(into: dest, capacity: capacity)
        }
    }

    /// How many bytes from `start` are ASCII (below 0x80).
    @inline(__always)
    static func asciiRun(_ start: UnsafeMutablePointer<UInt8>, count: Int) -> Int {
        var i = 0
        let raw = UnsafeRawPointer(start)
        while i + 8 <= count {
            if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { break }
            i += 8
        }
        while i < count, start[i] < 0x80 { i += 1 }
        return i
    }

    private func readUTF16(into dest: UnsafeMutablePointer<UInt8>, capacity: Int) throws -> Int {
        guard let raw else { return 0 }
        let littleEndian = encoding == .utf16le
        var out = 0
        while out == 0 {
            var have = 0
            if let c = carryByte {
                raw[0] = c
                have = 1
                carryByte = nil
            }
            // Each code unit gives at most 3 bytes, plus 1 when it completes a pair begun in the last read.
            let units = max(1, min(rawCapacity / 2, (capacity - 4) / 3))
            let n = try readFully(fd, raw + have, units * 2 - have, once: true, name: displayName)
            have += n
            if n == 0 {
                finished = true
                if have == 1, !lenient {
                    throw CSVFailure.malformed(offset: produced, message: "the file ends in the middle of a UTF-16 character (an odd number of bytes)")
                }
                if highSurrogate != nil {
                    highSurrogate = nil
                    guard lenient else {
                        throw CSVFailure.malformed(offset: highSurrogateOffset, message: "not valid UTF-16: a high surrogate without its low half")
                    }
                    out += TranscodingInput.encodeUTF8(0xFFFD, into: dest)
                }
                produced += Int64(out)
                return out
            }
            var i = 0
            while i + 1 < have {
                let unit = littleEndian ? UInt16(raw[i]) | UInt16(raw[i + 1]) << 8 : UInt16(raw[i]) << 8 | UInt16(raw[i + 1])
                i += 2
                if let high = highSurrogate {
                    highSurrogate = nil
                    if unit >= 0xDC00, unit <= 0xDFFF {
                        let scalar = 0x10000 + ((UInt32(high) - 0xD800) << 10) + (UInt32(unit) - 0xDC00)
                        out += TranscodingInput.encodeUTF8(scalar, into: dest + out)
                        continue
                    }
                    guard lenient else {
                        throw CSVFailure.malformed(offset: highSurrogateOffset, message: "not valid UTF-16: a high surrogate without its low half")
                    }
                    out += TranscodingInput.encodeUTF8(0xFFFD, into: dest + out)
                }
                if unit >= 0xD800, unit <= 0xDBFF {
                    highSurrogate = unit
                    highSurrogateOffset = produced + Int64(out)
                } else if unit >= 0xDC00, unit <= 0xDFFF {
                    guard lenient else {
                        throw CSVFailure.malformed(offset: produced + Int64(out), message: "not valid UTF-16: a low surrogate without its high half")
                    }
                    out += TranscodingInput.encodeUTF8(0xFFFD, into: dest + out)
                } else {
                    out += TranscodingInput.encodeUTF8(UInt32(unit), into: dest + out)
                }
            }
            if i < have { carryByte = raw[i] }
            produced += Int64(out)
        }
        return out
    }

    private func invalidUTF8(_ v: UTF8Validator) -> CSVFailure {
        let hex = String(v.leadByte, radix: 16, uppercase: true)
        return CSVFailure.malformed(offset: v.sequenceStart,
            message: "not valid UTF-8 (byte 0x\(hex.count == 1 ? "0" + hex : hex)); pass --encoding windows-1252 if the file comes from Excel on Windows")
    }

    /// Writes the UTF-8 form of `scalar` at `p`; returns its length.
    @inline(__always)
    static func encodeUTF8(_ scalar: UInt32, into p: UnsafeMutablePointer<UInt8>) -> Int {
        if scalar < 0x80 {
            p[0] = UInt8(scalar)
            return 1
        }
        if scalar < 0x800 {
            p[0] = UInt8(0xC0 | (scalar >> 6))
            p[1] = UInt8(0x80 | (scalar & 0x3F))
            return 2
        }
        if scalar < 0x10000 {
            p[0] = UInt8(0xE0 | (scalar >> 12))
            p[1] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
            p[2] = UInt8(0x80 | (scalar & 0x3F))
            return 3
        }
        p[0] = UInt8(0xF0 | (scalar >> 18))
        p[1] = UInt8(0x80 | ((scalar >> 12) & 0x3F))
        p[2] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
        p[3] = UInt8(0x80 | (scalar & 0x3F))
        return 4
    }

    /// The Unicode scalar of a Windows-1252 byte (the five unassigned bytes map to C1 controls, as
    /// the WHATWG encoding standard does).
    @inline(__always)
    static func cp1252(_ b: UInt8) -> UInt32 {
        guard b >= 0x80, b < 0xA0 else { return UInt32(b) }
        return UInt32(cp1252High[Int(b - 0x80)])
    }

    static let cp1252High: [UInt16] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]
}

/// Reads up to `count` bytes into `p` with read(2), retrying on EINTR; with `once`, returns after the
/// first successful read.
///
/// - Throws: ``SheetError/io(_:_:)``.
func readFully(_ fd: Int32, _ p: UnsafeMutableRawPointer, _ count: Int, once: Bool = false, name: String) throws -> Int {
    var filled = 0
    while filled < count {
        let n = Glibc.read(fd, p + filled, count - filled)
        if n < 0 {
            if errno == EINTR { continue }
            throw SheetError.io(SourceLocation(file: name), "cannot read: \(String(cString: strerror(errno)))")
        }
        if n == 0 { break }
        filled += n
        if once { break }
    }
    return filled
}
