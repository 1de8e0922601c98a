import SheetKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where CSV output goes until it is complete: an ``AtomicOutputFile`` beside the destination, or
/// for standard output an unlinked spool file copied out at the end, so that a failure never leaves
/// half an output behind.
final class CSVOutputTarget {
    private enum Kind {
        case file(AtomicOutputFile)
        case spool(Int32)
        /// Standard output itself: only for a fix-up pass, once the output is known to be complete.
        case direct
    }

    private let kind: Kind
    let writer: ByteWriter
    /// The destination; nil for standard output.
    let path: String?
    private var done = false

    var displayName: String { path ?? "<stdout>" }

    /// - Throws: ``SheetError/io(_:_:)`` when the temporary file cannot be made.
    init(path: String?) throws {
        self.path = path
        if let path {
            let file = try AtomicOutputFile(path: path)
            kind = .file(file)
            writer = file.writer
        } else {
            let dir = getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
            var template = Array("\(dir)/okrsheet-stdout-XXXXXX".utf8CString)
            let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            guard fd >= 0 else {
                throw SheetError.io(SourceLocation(file: "<stdout>"), "cannot create a spool file in \(dir): \(String(cString: strerror(errno)))")
            }
            template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
            kind = .spool(fd)
            writer = ByteWriter(fd: fd, displayName: "<stdout>")
        }
    }

    private init(direct: Void) {
        kind = .direct
        path = nil
        writer = ByteWriter(fd: 1, displayName: "<stdout>")
    }

    deinit { discard() }

    /// A new target for the same destination (for a fix-up pass that rewrites this one).
    func sibling() throws -> CSVOutputTarget {
        path == nil ? CSVOutputTarget(direct: ()) : try CSVOutputTarget(path: path)
    }

    /// A new descriptor that reads what was written from its start.
    ///
    /// - Throws: ``SheetError/io(_:_:)``.
    func openForReading() throws -> Int32 {
        try writer.flush()
        let fd: Int32
        switch kind {
        case .file(let file):
            fd = open(file.temporaryPath, O_RDONLY | O_CLOEXEC)
        case .spool(let spool):
            fd = dup(spool)
            if fd >= 0 { lseek(fd, 0, SEEK_SET) }
        case .direct:
            fd = -1
            errno = EBADF
        }
        guard fd >= 0 else {
            throw SheetError.io(SourceLocation(file: displayName), "cannot read the temporary output back: \(String(cString: strerror(errno)))")
        }
        return fd
    }

    /// Puts the output in place: renames the temporary file, or copies the spool to standard output.
    ///
    /// - Throws: ``SheetError/io(_:_:)``.
    func commit() throws {
        guard !done else { return }
        done = true
        switch kind {
        case .file(let file):
            try file.commit()
        case .direct:
            try writer.flush()
        case .spool(let fd):
            defer { close(fd) }
            try writer.flush()
            lseek(fd, 0, SEEK_SET)
            let size = 1 << 20
            let chunk = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
            defer { chunk.deallocate() }
            let out = ByteWriter(fd: 1, displayName: "<stdout>")
            while true {
                let n = try readFully(fd, chunk, size, once: true, name: "<stdout>")
                if n == 0 { break }
                out.write(UnsafeRawBufferPointer(start: chunk, count: n))
            }
            try out.flush()
        }
    }

    /// Drops what was written; the destination stays as it was.
    func discard() {
        guard !done else { return }
        done = true
        switch kind {
        case .file(let file): file.discard()
        case .spool(let fd): close(fd)
        case .direct: break
        }
    }
}
