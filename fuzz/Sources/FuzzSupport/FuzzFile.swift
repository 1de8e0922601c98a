#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The file each fuzz input is written to, since the readers open paths: one per process, in
/// `/dev/shm` when there is one (no disk writes), reused for every input, removed at exit (but left
/// behind by a crash).
///
/// With `OKRSHEET_FUZZ_SAVE=PATH` in the environment, each input is also written to PATH: how the
/// targets that build a package around their input (xlsx-sheet, ods-content) turn a corpus input
/// into a file for `Tests/*/Fixtures/fuzz` (run the target once on the input).
public enum FuzzFile {
    /// Writes `count` bytes at `data` to this process's scratch file with extension `ext` and returns its path.
    public static func write(_ data: UnsafePointer<UInt8>, _ count: Int, ext: String) -> String {
        write(UnsafeBufferPointer(start: data, count: count), ext: ext)
    }

    /// Writes `bytes` to this process's scratch file with extension `ext` and returns its path.
    public static func write(_ bytes: [UInt8], ext: String) -> String {
        bytes.withUnsafeBufferPointer { write($0, ext: ext) }
    }

    /// A path beside the scratch file for a target's output, with extension `ext`; removed first.
    public static func outputPath(ext: String) -> String {
        _ = removedAtExit
        let path = "\(folder)/okrsheet-fuzz-\(getpid())-out.\(ext)"
        unlink(path)
        return path
    }

    /// Whether a file is at `path`.
    public static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    private static func write(_ bytes: UnsafeBufferPointer<UInt8>, ext: String) -> String {
        _ = removedAtExit
        let path = "\(folder)/okrsheet-fuzz-\(getpid()).\(ext)"
        if let save = getenv("OKRSHEET_FUZZ_SAVE") { write(bytes, to: String(cString: save)) }
        write(bytes, to: path)
        return path
    }

    private static func write(_ bytes: UnsafeBufferPointer<UInt8>, to path: String) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { fatalError("cannot create \(path): \(String(cString: strerror(errno)))") }
        var offset = 0
        while offset < bytes.count {
            let n = systemWrite(fd, bytes.baseAddress! + offset, bytes.count - offset)
            guard n > 0 else { fatalError("cannot write \(path): \(String(cString: strerror(errno)))") }
            offset += n
        }
        close(fd)
    }

    private static let removedAtExit: Void = {
        atexit {
            for ext in ["csv", "xlsx", "ods"] {
                unlink("\(FuzzFile.folder)/okrsheet-fuzz-\(getpid()).\(ext)")
                unlink("\(FuzzFile.folder)/okrsheet-fuzz-\(getpid())-out.\(ext)")
            }
        }
    }()

    private static func systemWrite(_ fd: Int32, _ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int {
        #if canImport(Glibc)
        return Glibc.write(fd, bytes, count)
        #else
        return Darwin.write(fd, bytes, count)
        #endif
    }

    private static let folder: String = {
        var info = stat()
        if stat("/dev/shm", &info) == 0, access("/dev/shm", W_OK) == 0 { return "/dev/shm" }
        if let tmp = getenv("TMPDIR") { return String(cString: tmp) }
        return "/tmp"
    }()
}
