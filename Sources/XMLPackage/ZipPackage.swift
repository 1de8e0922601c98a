internal import CLibXML2
import SheetKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A ZIP archive opened for reading: its directory, and each entry streamed through zlib in bounded
/// chunks, checked against the ``Limits`` and its CRC-32.
///
/// The directory is read from the archive's end-of-central-directory record (ZIP64 included). Entries
/// are inflated here with zlib's `inflate` and checked with zlib's `crc32` rather than through
/// ZIPFoundation's `extract`, whose inflate loop never ends when a deflate stream runs into the end of
/// the file (a truncated or crafted entry), and which allocates a `Data` per 16 KiB chunk.
public final class ZipPackage {
    /// The file's path.
    public let path: String
    /// The name messages show.
    public let displayName: String
    /// The limits applied while inflating.
    public let limits: Limits
    /// The entries in directory order.
    public let entries: [ZipEntry]
    /// The entry names in directory order.
    public let entryNames: [String]

    private let fd: Int32
    private let fileSize: Int64
    private let byName: [String: Int]
    private let byLowercasedName: [String: Int]

    /// Opens an archive and reads its directory.
    ///
    /// - Parameters:
    ///   - path: the file to open.
    ///   - displayName: the name messages show.
    ///   - limits: the limits on entry sizes and compression ratios.
    /// - Throws: ``SheetError/io(_:_:)`` when the file cannot be read, ``SheetError/unsupportedFormat(_:_:)``
    ///   when it is not a ZIP archive, ``SheetError/malformed(_:_:)`` when it is truncated or its
    ///   directory is corrupt.
    public init(path: String, displayName: String, limits: Limits = Limits()) throws {
        self.path = path
        self.displayName = displayName
        self.limits = limits
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw SheetError.io(SourceLocation(file: displayName), "cannot open: \(String(cString: strerror(errno)))")
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            close(fd)
            throw SheetError.io(SourceLocation(file: displayName), "cannot read: \(String(cString: strerror(errno)))")
        }
        self.fd = fd
        fileSize = Int64(info.st_size)
        do {
            entries = try ZipPackage.readDirectory(fd: fd, fileSize: fileSize, displayName: displayName)
        } catch {
            close(fd)
            throw error
        }
        entryNames = entries.map(\.name)
        var byName: [String: Int] = [:], byLowercasedName: [String: Int] = [:]
        for (i, entry) in entries.enumerated() {
            if byName[entry.name] == nil { byName[entry.name] = i }
            let key = ZipPackage.lookupKey(entry.name)
            if byLowercasedName[key] == nil { byLowercasedName[key] = i }
        }
        self.byName = byName
        self.byLowercasedName = byLowercasedName
    }

    deinit { close(fd) }

    /// Whether an entry has exactly this name.
    public func contains(_ name: String) -> Bool { byName[name] != nil }

    /// The entry called `name`: the exact name, else the same name in another case (part names in
    /// OOXML are case-insensitive), with or without a leading `/`, with `\` for `/` (as some Windows
    /// tools write them).
    public func entry(named name: String) -> ZipEntry? {
        if let i = byName[name] ?? byLowercasedName[ZipPackage.lookupKey(name)] { return entries[i] }
        return nil
    }

    /// The key of the forgiving lookup: lowercased, `/` for `\`, no leading `/`.
    private static func lookupKey(_ name: String) -> String {
        var key = name.lowercased()
        if key.contains("\\") { key = String(key.map { $0 == "\\" ? "/" : $0 }) }
        if key.hasPrefix("/") { key.removeFirst() }
        return key
    }

    /// The whole inflated content of a (small) entry.
    ///
    /// - Throws: ``SheetError/malformed(_:_:)`` when the entry is missing or corrupt,
    ///   ``SheetError/limitExceeded(_:limit:value:howToRaise:)`` when it is too large.
    public func data(of name: String) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try stream(entry: name) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// Streams the inflated content of the entry called `name` (looked up as ``entry(named:)`` does).
    ///
    /// - Parameters:
    ///   - name: the entry's name.
    ///   - chunkSize: the most bytes handed over at once.
    ///   - body: called with each chunk, valid only for the call.
    /// - Throws: ``SheetError/malformed(_:_:)`` for a missing, truncated or corrupt entry,
    ///   ``SheetError/limitExceeded(_:limit:value:howToRaise:)`` past ``Limits/maxEntryBytes`` or
    ///   ``Limits/maxCompressionRatio``, ``SheetError/encrypted(_:_:)``, or what `body` throws.
    public func stream(entry name: String, chunkSize: Int = 1 << 16,
                       _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard let entry = entry(named: name) else {
            throw SheetError.malformed(location, "the part \(name) is missing from the package")
        }
        try stream(entry, chunkSize: chunkSize, body)
    }

    /// Streams the inflated content of `entry`, as ``stream(entry:chunkSize:_:)`` does.
    public func stream(_ entry: ZipEntry, chunkSize: Int = 1 << 16,
                       _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard !entry.isEncrypted else {
            throw SheetError.encrypted(location, "the ZIP entry \(entry.name) is encrypted; remove the password and save the file again")
        }
        guard entry.uncompressedSize <= limits.maxEntryBytes else { throw entryBytesExceeded(entry) }
        let dataOffset = try self.dataOffset(of: entry)
        guard entry.compressedSize >= 0, dataOffset <= fileSize, entry.compressedSize <= fileSize - dataOffset else {
            throw SheetError.malformed(location, "the ZIP entry \(entry.name) is truncated (the file ends before its data)")
        }
        let chunk = max(chunkSize, 1024)
        let output = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 16)
        defer { output.deallocate() }
        var crc = UInt(CLibXML2.crc32(0, nil, 0))
        var total: Int64 = 0

        /// `consumed`: the compressed bytes read so far, for the ratio check as the entry inflates (a
        /// bomb is caught after its first MiB, not after the gigabytes its whole size would allow).
        func deliver(_ count: Int, consumed: Int64) throws {
            total += Int64(count)
            if total > limits.maxEntryBytes { throw entryBytesExceeded(entry) }
            if total > entry.uncompressedSize {
                throw SheetError.malformed(location, "the ZIP entry \(entry.name) inflates to more than its declared \(entry.uncompressedSize) bytes (corrupt)")
            }
            if total > 1 << 20 {
                let (bound, overflow) = max(consumed, 1).multipliedReportingOverflow(by: limits.maxCompressionRatio)
                if !overflow, total > bound {
                    throw SheetError.limitExceeded(
                        location, limit: "compression-ratio (\(limits.maxCompressionRatio):1)",
                        value: "the compression ratio of the ZIP entry \(entry.name)",
                        howToRaise: Limits.howToRaise("compression-ratio"))
                }
            }
            crc = CLibXML2.crc32(crc, output.assumingMemoryBound(to: Bytef.self), uInt(count))
            try body(UnsafeRawBufferPointer(start: output, count: count))
        }

        switch entry.method {
        case 0:
            var position = dataOffset
            var remaining = entry.compressedSize
            while remaining > 0 {
                let n = try read(into: output, count: Int(min(Int64(chunk), remaining)), at: position, entry: entry)
                position += Int64(n)
                remaining -= Int64(n)
                try deliver(n, consumed: entry.compressedSize - remaining)
            }
        case 8:
            try inflateEntry(entry, from: dataOffset, into: output, capacity: chunk, deliver)
        default:
            throw SheetError.unsupportedFormat(location, "the ZIP entry \(entry.name) uses compression method \(entry.method), which okrsheet does not read; save the file again from Excel or LibreOffice")
        }
        guard total == entry.uncompressedSize else {
            throw SheetError.malformed(location, "the ZIP entry \(entry.name) inflates to \(total) bytes, not its declared \(entry.uncompressedSize) (corrupt)")
        }
        guard UInt32(truncatingIfNeeded: crc) == entry.crc32 else {
            throw SheetError.malformed(location, "the ZIP entry \(entry.name) fails its CRC-32 check (corrupt)")
        }
    }

    /// Copies `entry` into `writer` as it is stored here: the same compressed bytes, method, CRC-32 and
    /// time, so that it inflates to exactly the bytes it holds now. Nothing is inflated or compressed.
    ///
    /// - Throws: ``SheetError/malformed(_:_:)`` for a truncated entry, ``SheetError/encrypted(_:_:)``,
    ///   ``SheetError/unsupportedFormat(_:_:)`` for a compression method okrsheet does not read.
    public func copy(_ entry: ZipEntry, to writer: ZipWriter) throws {
        guard !entry.isEncrypted else {
            throw SheetError.encrypted(location, "the ZIP entry \(entry.name) is encrypted; remove the password and save the file again")
        }
        guard entry.method == 0 || entry.method == 8 else {
            throw SheetError.unsupportedFormat(location, "the ZIP entry \(entry.name) uses compression method \(entry.method), which okrsheet does not read; save the file again from Excel or LibreOffice")
        }
        let dataOffset = try self.dataOffset(of: entry)
        guard entry.compressedSize >= 0, dataOffset <= fileSize, entry.compressedSize <= fileSize - dataOffset else {
            throw SheetError.malformed(location, "the ZIP entry \(entry.name) is truncated (the file ends before its data)")
        }
        let capacity = 1 << 16
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        defer { buffer.deallocate() }
        try writer.addStored(entry) { emit in
            var position = dataOffset, remaining = entry.compressedSize
            while remaining > 0 {
                let n = try read(into: buffer, count: Int(min(Int64(capacity), remaining)), at: position, entry: entry)
                position += Int64(n)
                remaining -= Int64(n)
                emit(UnsafeRawBufferPointer(start: buffer, count: n))
            }
        }
    }

    private var location: SourceLocation { SourceLocation(file: displayName) }

    private func entryBytesExceeded(_ entry: ZipEntry) -> SheetError {
        SheetError.limitExceeded(
            location, limit: "entry-bytes (\(limits.maxEntryBytes) bytes)",
            value: "the uncompressed size of the ZIP entry \(entry.name)",
            howToRaise: Limits.howToRaise("entry-bytes"))
    }

    /// Inflates a deflated entry with zlib's `inflate`, handing each filled output buffer to `deliver`.
    private func inflateEntry(_ entry: ZipEntry, from dataOffset: Int64, into output: UnsafeMutableRawPointer,
                              capacity: Int, _ deliver: (Int, Int64) throws -> Void) throws {
        let inputCapacity = 1 << 16
        let input = UnsafeMutableRawPointer.allocate(byteCount: inputCapacity, alignment: 16)
        defer { input.deallocate() }
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw SheetError.io(location, "zlib could not start inflating \(entry.name)")
        }
        defer { inflateEnd(&stream) }
        var position = dataOffset
        var remaining = entry.compressedSize
        while true {
            if stream.avail_in == 0 {
                guard remaining > 0 else {
                    throw SheetError.malformed(location, "the ZIP entry \(entry.name) is truncated (its deflate stream ends early)")
                }
                let n = try read(into: input, count: Int(min(Int64(inputCapacity), remaining)), at: position, entry: entry)
                position += Int64(n)
                remaining -= Int64(n)
                stream.next_in = input.assumingMemoryBound(to: Bytef.self)
                stream.avail_in = uInt(n)
            }
            stream.next_out = output.assumingMemoryBound(to: Bytef.self)
            stream.avail_out = uInt(capacity)
            let rc = inflate(&stream, Z_NO_FLUSH)
            let produced = capacity - Int(stream.avail_out)
            switch rc {
            case Z_OK, Z_STREAM_END:
                break
            case Z_BUF_ERROR where stream.avail_in == 0:
                break  // needs more input: read on, or report the truncation
            default:
                let reason = stream.msg.map { String(cString: $0) } ?? "zlib error \(rc)"
                throw SheetError.malformed(location, "the ZIP entry \(entry.name) is corrupt (\(reason))")
            }
            if produced > 0 { try deliver(produced, Int64(stream.total_in)) }
            if rc == Z_STREAM_END { return }
        }
    }

    /// Reads `count` bytes at `offset` with `pread`, all of them or an error.
    private func read(into buffer: UnsafeMutableRawPointer, count: Int, at offset: Int64, entry: ZipEntry) throws -> Int {
        var done = 0
        while done < count {
            let n = pread(fd, buffer + done, count - done, off_t(offset + Int64(done)))
            if n < 0 {
                if errno == EINTR { continue }
                throw SheetError.io(location, "cannot read: \(String(cString: strerror(errno)))")
            }
            guard n > 0 else {
                throw SheetError.malformed(location, "the ZIP entry \(entry.name) is truncated (the file ends before its data)")
            }
            done += n
        }
        return done
    }

    /// Where the entry's data starts: after its local header, whose name and extra field may differ in
    /// length from the central directory's.
    private func dataOffset(of entry: ZipEntry) throws -> Int64 {
        let header = try ZipPackage.readBytes(fd: fd, at: entry.localHeaderOffset, count: 30, fileSize: fileSize, location: location)
        guard let header, ZipPackage.le32(header, 0) == 0x0403_4B50 else {
            throw SheetError.malformed(location, "the ZIP entry \(entry.name) has no local header where the directory says (corrupt or truncated)")
        }
        return entry.localHeaderOffset + 30 + Int64(ZipPackage.le16(header, 26)) + Int64(ZipPackage.le16(header, 28))
    }

    // MARK: - Directory

    /// Reads the central directory (ZIP64 too) into entries.
    private static func readDirectory(fd: Int32, fileSize: Int64, displayName: String) throws -> [ZipEntry] {
        let location = SourceLocation(file: displayName)
        let tailLength = min(fileSize, 22 + 65_535)
        guard let tail = try readBytes(fd: fd, at: fileSize - tailLength, count: Int(tailLength), fileSize: fileSize, location: location),
              tail.count >= 22 else {
            throw notZip(fd: fd, fileSize: fileSize, location: location)
        }
        var found: Int?
        var i = tail.count - 22
        while i >= 0 {
            if tail[i] == 0x50, tail[i + 1] == 0x4B, tail[i + 2] == 0x05, tail[i + 3] == 0x06,
               i + 22 + Int(le16(tail, i + 20)) <= tail.count {
                found = i
                break
            }
            i -= 1
        }
        guard let eocd = found else { throw notZip(fd: fd, fileSize: fileSize, location: location) }
        let eocdPosition = fileSize - tailLength + Int64(eocd)
        var count = Int64(le16(tail, eocd + 10))
        var directorySize = Int64(le32(tail, eocd + 12))
        var directoryOffset = Int64(le32(tail, eocd + 16))
        var base: Int64 = 0
        if eocd >= 20, le32(tail, eocd - 20) == 0x0706_4B50 {
            // ZIP64: the real counts live in the ZIP64 end-of-central-directory record.
            let recordOffset = le64(tail, eocd - 20 + 8)
            guard recordOffset <= UInt64(fileSize),
                  let record = try readBytes(fd: fd, at: Int64(recordOffset), count: 56, fileSize: fileSize, location: location),
                  le32(record, 0) == 0x0606_4B50 else {
                throw SheetError.malformed(location, "the ZIP64 directory record is missing (corrupt or truncated)")
            }
            let c = le64(record, 32), s = le64(record, 40), o = le64(record, 48)
            guard c <= UInt64(fileSize), s <= UInt64(fileSize), o <= UInt64(fileSize) else {
                throw SheetError.malformed(location, "the ZIP64 directory record is corrupt")
            }
            count = Int64(c)
            directorySize = Int64(s)
            directoryOffset = Int64(o)
        } else if directoryOffset + directorySize < eocdPosition {
            // Data before the archive (a self-extractor stub): offsets are relative to its start.
            base = eocdPosition - directoryOffset - directorySize
        }
        guard directorySize <= fileSize, directoryOffset + base + directorySize <= fileSize,
              let directory = try readBytes(fd: fd, at: directoryOffset + base, count: Int(directorySize), fileSize: fileSize, location: location) else {
            throw SheetError.malformed(location, "the ZIP directory lies beyond the end of the file (truncated)")
        }
        guard count <= directorySize / 46 + 1 else {
            throw SheetError.malformed(location, "the ZIP directory claims more entries than it holds (corrupt)")
        }
        var entries: [ZipEntry] = []
        entries.reserveCapacity(Int(count))
        var p = 0
        for _ in 0..<count {
            guard p + 46 <= directory.count, le32(directory, p) == 0x0201_4B50 else {
                throw SheetError.malformed(location, "the ZIP directory is corrupt (entry \(entries.count + 1) of \(count))")
            }
            let flags = le16(directory, p + 8), method = le16(directory, p + 10)
            let crc = le32(directory, p + 16)
            var compressed = UInt64(le32(directory, p + 20)), uncompressed = UInt64(le32(directory, p + 24))
            let nameLength = Int(le16(directory, p + 28)), extraLength = Int(le16(directory, p + 30))
            let commentLength = Int(le16(directory, p + 32))
            var offset = UInt64(le32(directory, p + 42))
            let nameStart = p + 46, extraStart = nameStart + nameLength, end = extraStart + extraLength + commentLength
            guard end <= directory.count else {
                throw SheetError.malformed(location, "the ZIP directory is corrupt (entry \(entries.count + 1) runs past its end)")
            }
            let name = String(decoding: directory[nameStart..<extraStart], as: UTF8.self)
            // The ZIP64 extra field holds, in this order, the sizes and offset that overflowed 32 bits.
            var e = extraStart
            while e + 4 <= extraStart + extraLength {
                let id = le16(directory, e), size = Int(le16(directory, e + 2))
                let fieldEnd = e + 4 + size
                guard fieldEnd <= extraStart + extraLength else { break }
                if id == 0x0001 {
                    var f = e + 4
                    if uncompressed == 0xFFFF_FFFF, f + 8 <= fieldEnd { uncompressed = le64(directory, f); f += 8 }
                    if compressed == 0xFFFF_FFFF, f + 8 <= fieldEnd { compressed = le64(directory, f); f += 8 }
                    if offset == 0xFFFF_FFFF, f + 8 <= fieldEnd { offset = le64(directory, f) }
                }
                e = fieldEnd
            }
            guard compressed <= UInt64(fileSize), offset <= UInt64(fileSize), uncompressed <= UInt64(Int64.max) else {
                throw SheetError.malformed(location, "the ZIP directory entry \(name) has sizes beyond the file (corrupt)")
            }
            entries.append(ZipEntry(name: name, compressedSize: Int64(compressed), uncompressedSize: Int64(uncompressed),
                                    crc32: crc, method: method, flags: flags, localHeaderOffset: Int64(offset) + base,
                                    dosTime: le16(directory, p + 12), dosDate: le16(directory, p + 14)))
            p = end
        }
        return entries
    }

    /// The error for a file without an end-of-central-directory record.
    private static func notZip(fd: Int32, fileSize: Int64, location: SourceLocation) -> SheetError {
        let head = (try? readBytes(fd: fd, at: 0, count: 4, fileSize: fileSize, location: location)) ?? nil
        if let head, head == [0x50, 0x4B, 0x03, 0x04] {
            return SheetError.malformed(location, "the ZIP archive is truncated (its directory at the end of the file is missing); "
                + "copy or download the file again")
        }
        return SheetError.unsupportedFormat(location, "this file is not a ZIP archive (no ZIP directory found)")
    }

    /// `count` bytes at `offset`, or nil when the file is shorter.
    private static func readBytes(fd: Int32, at offset: Int64, count: Int, fileSize: Int64,
                                  location: SourceLocation) throws -> [UInt8]? {
        guard offset >= 0, count >= 0, offset + Int64(count) <= fileSize else { return nil }
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = bytes.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return pread(fd, base + done, count - done, off_t(offset + Int64(done)))
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw SheetError.io(location, "cannot read: \(String(cString: strerror(errno)))")
            }
            guard n > 0 else { return nil }
            done += n
        }
        return bytes
    }

    @inline(__always) static func le16(_ b: [UInt8], _ i: Int) -> UInt16 {
        UInt16(b[i]) | UInt16(b[i + 1]) << 8
    }

    @inline(__always) static func le32(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }

    @inline(__always) static func le64(_ b: [UInt8], _ i: Int) -> UInt64 {
        UInt64(le32(b, i)) | UInt64(le32(b, i + 4)) << 32
    }
}
