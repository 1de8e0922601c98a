#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A buffered writer of bytes to a file descriptor: the sink of every text writer (CSV, XML parts).
public final class ByteWriter {
    public let fd: Int32
    /// Shown in error messages.
    public let displayName: String
    @usableFromInline var buffer: [UInt8]
    @usableFromInline let capacity: Int
    private let ownsDescriptor: Bool
    /// Bytes handed to the writer so far.
    @usableFromInline var _bytesWritten: Int64 = 0
    /// Bytes handed to the writer so far.
    public var bytesWritten: Int64 { _bytesWritten }

    /// Wraps an open descriptor.
    ///
    /// - Parameters:
    ///   - ownsDescriptor: close it in ``close()``.
    public init(fd: Int32, displayName: String, capacity: Int = 1 << 16, ownsDescriptor: Bool = false) {
        self.fd = fd
        self.displayName = displayName
        self.capacity = capacity
        self.ownsDescriptor = ownsDescriptor
        buffer = []
        buffer.reserveCapacity(capacity)
    }

    /// Standard output.
    public static func standardOutput() -> ByteWriter {
        ByteWriter(fd: 1, displayName: "<stdout>")
    }

    @inlinable
    public func write(_ string: String) {
        var s = string
        s.withUTF8 { write(UnsafeRawBufferPointer($0)) }
    }

    public func write(_ bytes: UnsafeRawBufferPointer) {
        _bytesWritten += Int64(bytes.count)
        if buffer.count + bytes.count > capacity {
            try? flushBuffer()
            if bytes.count >= capacity {
                pending = pending ?? writeAll(bytes)
                return
            }
        }
        buffer.append(contentsOf: bytes)
    }

    public func write<C: Collection>(contentsOf bytes: C) where C.Element == UInt8 {
        if let done: Void = bytes.withContiguousStorageIfAvailable({ write(UnsafeRawBufferPointer($0)) }) {
            return done
        }
        for b in bytes { write(byte: b) }
    }

    @inlinable
    public func write(byte: UInt8) {
        if buffer.count >= capacity { try? flushBuffer() }
        buffer.append(byte)
        _bytesWritten += 1
    }

    /// The first write error, reported by ``flush()``: writes stay cheap and never throw individually.
    private var pending: SheetError?

    /// Writes out everything buffered.
    ///
    /// - Throws: ``SheetError/io(_:_:)`` for the first failed write (disk full, closed pipe…).
    public func flush() throws {
        try flushBuffer()
        if let pending { throw pending }
    }

    @usableFromInline func flushBuffer() throws {
        guard !buffer.isEmpty else { return }
        let error = buffer.withUnsafeBytes { writeAll($0) }
        buffer.removeAll(keepingCapacity: true)
        pending = pending ?? error
        if let pending { throw pending }
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) -> SheetError? {
        guard pending == nil else { return pending }
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return SheetError.io(SourceLocation(file: displayName), "cannot write: \(String(cString: strerror(errno)))")
            }
            offset += n
        }
        return nil
    }

    /// Flushes, and closes the descriptor when the writer owns it.
    public func close() throws {
        defer {
            if ownsDescriptor { _ = Glibc.close(fd) }
        }
        try flush()
    }
}
