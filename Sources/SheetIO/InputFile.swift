import SheetKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An input named on the command line: a path, or `-` for standard input spooled to a temporary file
/// (readers need a seekable file: a ZIP's directory is at its end).
public final class InputFile {
    /// The path readers open.
    public let path: String
    /// The name messages show (`<stdin>` for standard input).
    public let displayName: String
    private let temporary: Bool

    /// - Throws: ``SheetError/io(_:_:)`` for a missing or unreadable file or a directory.
    public init(_ argument: String) throws {
        if argument == "-" {
            displayName = "<stdin>"
            path = try InputFile.spoolStandardInput()
            temporary = true
            return
        }
        displayName = argument
        path = argument
        temporary = false
        var info = stat()
        guard stat(argument, &info) == 0 else {
            throw SheetError.io(SourceLocation(file: argument), "cannot open: \(String(cString: strerror(errno)))")
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw SheetError.io(SourceLocation(file: argument), "is a folder, not a file")
        }
        guard access(argument, R_OK) == 0 else {
            throw SheetError.io(SourceLocation(file: argument), "cannot read: \(String(cString: strerror(errno)))")
        }
    }

    deinit {
        if temporary { unlink(path) }
    }

    /// The path's extension, lowercased, without the dot ("" for none or standard input).
    public var pathExtension: String {
        guard !temporary else { return "" }
        return InputFile.pathExtension(of: displayName)
    }

    /// The base name without folder and extension (`okr` for `data/okr.xlsx`).
    public var baseName: String {
        let name = displayName.split(separator: "/").last.map(String.init) ?? displayName
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    static func pathExtension(of path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return String(name[name.index(after: dot)...]).lowercased()
    }

    /// The first bytes of the file, for format sniffing.
    public func prefix(_ count: Int) throws -> [UInt8] {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw SheetError.io(SourceLocation(file: displayName), "cannot open: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + filled, count - filled) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { break }
            filled += n
        }
        return Array(bytes[..<filled])
    }

    private static func spoolStandardInput() throws -> String {
        var template = Array("\(temporaryDirectory())/okrsheet-stdin-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw SheetError.io(SourceLocation(file: "<stdin>"), "cannot create a temporary file: \(String(cString: strerror(errno)))")
        }
        let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        let writer = ByteWriter(fd: fd, displayName: path, ownsDescriptor: true)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress!, $0.count) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { break }
            chunk.withUnsafeBytes { writer.write(UnsafeRawBufferPointer(rebasing: $0[..<n])) }
        }
        do {
            try writer.close()
        } catch {
            unlink(path)
            throw error
        }
        return path
    }

    static func temporaryDirectory() -> String {
        if let dir = getenv("TMPDIR").map({ String(cString: $0) }), !dir.isEmpty { return dir }
        return "/tmp"
    }
}
