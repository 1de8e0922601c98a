internal import CLibXML2
import SheetKit

/// Writes a ZIP archive front to back onto a ``ByteWriter`` (a file or a pipe, no seeking): small parts
/// with their sizes in the local header, large parts deflated as they are produced and followed by a data
/// descriptor. No ZIP64: a part over 4 GiB is refused. `mimetype`-style entries can be stored first with
/// no extra field, as OpenDocument requires.
public final class ZipWriter {
    struct CentralRecord {
        var name: [UInt8]
        var method: UInt16
        var flags: UInt16
        var crc: UInt32
        var compressed: UInt32
        var uncompressed: UInt32
        var offset: UInt32
        /// MS-DOS time and date: the writer's fixed stamp, or a copied entry's own.
        var time: UInt16 = 0
        var date: UInt16 = (0 << 9) | (1 << 5) | 1
    }

    let sink: ByteWriter
    var records: [CentralRecord] = []
    var names = Set<String>()
    /// Whether an entry stream is open (entries are written one at a time).
    var streaming = false
    // Every written entry is dated 1980-01-01 00:00 (CentralRecord's default), so the same input gives
    // the same bytes.

    public init(sink: ByteWriter) {
        self.sink = sink
    }

    var offset: Int64 { sink.bytesWritten }

    func location(_ name: String) -> SourceLocation { SourceLocation(file: sink.displayName, position: .cell(sheet: name, row: nil, column: nil)) }

    /// Adds a whole entry: stored when `compress` is false (as `mimetype` must be), else deflated.
    public func add(name: String, bytes: [UInt8], compress: Bool = true) throws {
        try begin(name)
        let crc = ZipWriter.crc(bytes)
        let data = compress ? try ZipWriter.deflate(bytes, name: name, location: location(name)) : bytes
        guard data.count < Int(UInt32.max), bytes.count < Int(UInt32.max), offset < Int64(UInt32.max) else {
            throw SheetError.limitExceeded(location(name), limit: "ZIP part size (4 GiB, no ZIP64)", value: "\(bytes.count) bytes",
                                           howToRaise: "split the data over several files")
        }
        let record = CentralRecord(name: Array(name.utf8), method: compress ? 8 : 0, flags: 0x0800, crc: crc,
                                   compressed: UInt32(data.count), uncompressed: UInt32(bytes.count), offset: UInt32(offset))
        writeLocalHeader(record)
        data.withUnsafeBytes { sink.write($0) }
        records.append(record)
    }

    /// Adds an entry copied from another archive as it is stored there: `body` hands over its
    /// `compressedSize` stored bytes through the function it is given. Method, CRC-32, sizes and time stay
    /// the original's; the sizes go into the local header, so no data descriptor follows.
    func addStored(_ entry: ZipEntry, _ body: ((UnsafeRawBufferPointer) -> Void) throws -> Void) throws {
        try begin(entry.name)
        guard entry.compressedSize < Int64(UInt32.max), entry.uncompressedSize < Int64(UInt32.max), offset < Int64(UInt32.max) else {
            throw SheetError.limitExceeded(location(entry.name), limit: "ZIP part size (4 GiB, no ZIP64)", value: "\(entry.uncompressedSize) bytes",
                                           howToRaise: "split the data over several files")
        }
        let record = CentralRecord(name: Array(entry.name.utf8), method: entry.method, flags: entry.flags & ~0x0008, crc: entry.crc32,
                                   compressed: UInt32(entry.compressedSize), uncompressed: UInt32(entry.uncompressedSize),
                                   offset: UInt32(offset), time: entry.dosTime, date: entry.dosDate)
        writeLocalHeader(record)
        var copied: Int64 = 0
        try body { bytes in
            copied += Int64(bytes.count)
            sink.write(bytes)
        }
        guard copied == entry.compressedSize else {
            throw SheetError.io(location(entry.name), "copied \(copied) of the \(entry.compressedSize) bytes of the ZIP entry")
        }
        records.append(record)
    }

    /// Opens a deflated entry whose bytes are produced in pieces (a worksheet); close it before the next.
    public func beginStream(name: String) throws -> ZipEntryStream {
        try begin(name)
        guard offset < Int64(UInt32.max) else {
            throw SheetError.limitExceeded(location(name), limit: "ZIP archive size (4 GiB, no ZIP64)", value: "\(offset) bytes",
                                           howToRaise: "split the data over several files")
        }
        let record = CentralRecord(name: Array(name.utf8), method: 8, flags: 0x0808, crc: 0, compressed: 0, uncompressed: 0,
                                   offset: UInt32(offset))
        writeLocalHeader(record)
        streaming = true
        return try ZipEntryStream(writer: self, record: record, location: location(name))
    }

    func begin(_ name: String) throws {
        guard !streaming else { throw SheetError.invalidRequest(location(name), "a ZIP entry is still being written") }
        guard names.insert(name).inserted else { throw SheetError.invalidRequest(location(name), "the ZIP part \(name) is written twice") }
    }

    func finishStream(_ record: CentralRecord) {
        // Data descriptor with its signature.
        put32(0x0807_4B50)
        put32(record.crc)
        put32(record.compressed)
        put32(record.uncompressed)
        records.append(record)
        streaming = false
    }

    /// Writes the central directory; the sink then holds a complete archive.
    public func finish() throws {
        guard !streaming else { throw SheetError.invalidRequest(SourceLocation(file: sink.displayName), "a ZIP entry is still open") }
        let start = offset
        for r in records {
            put32(0x0201_4B50)
            put16(20); put16(20); put16(r.flags); put16(r.method); put16(r.time); put16(r.date)
            put32(r.crc); put32(r.compressed); put32(r.uncompressed)
            put16(UInt16(r.name.count)); put16(0); put16(0); put16(0); put16(0); put32(0)
            put32(r.offset)
            r.name.withUnsafeBytes { sink.write($0) }
        }
        let size = offset - start
        guard start < Int64(UInt32.max), records.count < 0xFFFF else {
            throw SheetError.limitExceeded(SourceLocation(file: sink.displayName), limit: "ZIP archive size (4 GiB, no ZIP64)",
                                           value: "\(start) bytes", howToRaise: "split the data over several files")
        }
        put32(0x0605_4B50)
        put16(0); put16(0); put16(UInt16(records.count)); put16(UInt16(records.count))
        put32(UInt32(size)); put32(UInt32(start)); put16(0)
        try sink.flush()
    }

    func writeLocalHeader(_ r: CentralRecord) {
        put32(0x0403_4B50)
        put16(20); put16(r.flags); put16(r.method); put16(r.time); put16(r.date)
        put32(r.crc); put32(r.compressed); put32(r.uncompressed)
        put16(UInt16(r.name.count)); put16(0)
        r.name.withUnsafeBytes { sink.write($0) }
    }

    func put16(_ v: UInt16) {
        sink.write(byte: UInt8(v & 0xFF))
        sink.write(byte: UInt8(v >> 8))
    }

    func put32(_ v: UInt32) {
        put16(UInt16(v & 0xFFFF))
        put16(UInt16(v >> 16))
    }

    static func crc(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { b in
            UInt32(truncatingIfNeeded: CLibXML2.crc32(0, b.baseAddress, uInt(b.count)))
        }
    }

    static func deflate(_ bytes: [UInt8], name: String, location: SourceLocation) throws -> [UInt8] {
        let stream = try Deflater(location: location)
        var out: [UInt8] = []
        try bytes.withUnsafeBytes { try stream.deflate($0, finish: true) { out.append(contentsOf: $0) } }
        return out
    }
}

/// One deflated entry being written (see ``ZipWriter/beginStream(name:)``).
public final class ZipEntryStream {
    let writer: ZipWriter
    var record: ZipWriter.CentralRecord
    let deflater: Deflater
    var crc: UInt = 0
    var uncompressed: Int64 = 0
    var compressed: Int64 = 0
    var closed = false
    let location: SourceLocation

    init(writer: ZipWriter, record: ZipWriter.CentralRecord, location: SourceLocation) throws {
        self.writer = writer
        self.record = record
        self.location = location
        // Level 3 rather than zlib's default 6 for the big streamed parts (worksheets, content.xml): on the
        // 500,000-row ledger it compresses in less than half the time, so that the deflating thread keeps
        // up with the rows, for files about 15% larger (bench/xlsx-notes.md).
        deflater = try Deflater(location: location, level: 3)
        crc = UInt(CLibXML2.crc32(0, nil, 0))
    }

    /// Compresses and writes a piece of the entry.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard !bytes.isEmpty else { return }
        crc = CLibXML2.crc32(crc, bytes.baseAddress?.assumingMemoryBound(to: Bytef.self), uInt(bytes.count))
        uncompressed += Int64(bytes.count)
        try deflater.deflate(bytes, finish: false) { chunk in
            compressed += Int64(chunk.count)
            writer.sink.write(chunk)
        }
    }

    /// Flushes the compressor and writes the data descriptor.
    public func close() throws {
        guard !closed else { return }
        closed = true
        try deflater.deflate(UnsafeRawBufferPointer(start: nil, count: 0), finish: true) { chunk in
            compressed += Int64(chunk.count)
            writer.sink.write(chunk)
        }
        guard uncompressed < Int64(UInt32.max), compressed < Int64(UInt32.max) else {
            throw SheetError.limitExceeded(location, limit: "ZIP part size (4 GiB, no ZIP64)", value: "\(uncompressed) bytes",
                                           howToRaise: "split the data over several files")
        }
        record.crc = UInt32(truncatingIfNeeded: crc)
        record.compressed = UInt32(compressed)
        record.uncompressed = UInt32(uncompressed)
        writer.finishStream(record)
    }
}

/// zlib's raw deflate (no zlib header, as ZIP wants), freed in deinit.
final class Deflater {
    var stream = z_stream()
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    let location: SourceLocation

    init(location: SourceLocation, level: Int32 = 6) throws {
        self.location = location
        let status = deflateInit2_(&stream, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw SheetError.io(location, "cannot start compressing (zlib \(status))") }
    }

    deinit { deflateEnd(&stream) }

    /// Deflates `input` (all of it), handing each compressed chunk to `output`.
    func deflate(_ input: UnsafeRawBufferPointer, finish: Bool, _ output: (UnsafeRawBufferPointer) throws -> Void) throws {
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(input.count)
        let flush = finish ? Z_FINISH : Z_NO_FLUSH
        while true {
            var status: Int32 = Z_OK
            let produced: Int = try buffer.withUnsafeMutableBytes { out in
                stream.next_out = out.baseAddress?.assumingMemoryBound(to: Bytef.self)
                stream.avail_out = uInt(out.count)
                status = CLibXML2.deflate(&stream, flush)
                guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                    throw SheetError.io(location, "cannot compress (zlib \(status))")
                }
                return out.count - Int(stream.avail_out)
            }
            if produced > 0 { try buffer.withUnsafeBytes { try output(UnsafeRawBufferPointer(rebasing: $0[..<produced])) } }
            if finish {
                if status == Z_STREAM_END { break }
            } else if stream.avail_in == 0 && stream.avail_out != 0 {
                break
            }
        }
    }
}
