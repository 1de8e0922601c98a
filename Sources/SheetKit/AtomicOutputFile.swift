#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written beside its destination and renamed over it only when complete, so that a reader
/// (or a crash) never sees half a file and an existing file is either kept or wholly replaced.
public final class AtomicOutputFile {
    /// Where the file goes.
    public let path: String
    /// The temporary file being written, in the destination's folder.
    public let temporaryPath: String
    private let fd: Int32
    private var done = false
    /// The writer for the temporary file.
    public let writer: ByteWriter

    /// Creates the temporary file (mode 0644 less the umask, or the mode of the file it replaces).
    ///
    /// - Throws: ``SheetError/io(_:_:)`` when the folder is not writable.
    public init(path: String) throws {
        self.path = path
        let (dir, base) = AtomicOutputFile.split(path)
        var template = Array("\(dir)/.\(base).okrsheet-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw SheetError.io(SourceLocation(file: path), "cannot create a file in \(dir): \(String(cString: strerror(errno)))")
        }
        self.fd = fd
        temporaryPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        var info = stat()
        if lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG {
            fchmod(fd, info.st_mode & 0o7777)
        } else {
            let mask = umask(0)
            umask(mask)
            fchmod(fd, 0o666 & ~mask)
        }
        writer = ByteWriter(fd: fd, displayName: path)
    }

    /// Flushes, syncs and renames the temporary file over the destination.
    ///
    /// - Throws: ``SheetError/io(_:_:)``; the temporary file is removed then.
    public func commit() throws {
        guard !done else { return }
        done = true
        do {
            try writer.flush()
            guard fsync(fd) == 0 || errno == EINVAL else {
                throw SheetError.io(SourceLocation(file: path), "cannot sync: \(String(cString: strerror(errno)))")
            }
            Glibc.close(fd)
            guard rename(temporaryPath, path) == 0 else {
                throw SheetError.io(SourceLocation(file: path), "cannot replace: \(String(cString: strerror(errno)))")
            }
        } catch {
            unlink(temporaryPath)
            throw error
        }
        let dirfd = open(AtomicOutputFile.split(path).dir, O_RDONLY)
        if dirfd >= 0 {
            fsync(dirfd)
            Glibc.close(dirfd)
        }
    }

    /// Removes the temporary file; the destination stays as it was.
    public func discard() {
        guard !done else { return }
        done = true
        Glibc.close(fd)
        unlink(temporaryPath)
    }

    deinit { discard() }

    static func split(_ path: String) -> (dir: String, base: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let dir = String(path[..<slash])
        return (dir.isEmpty ? "/" : dir, String(path[path.index(after: slash)...]))
    }
}
