#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SheetKit

/// An unlinked temporary file that holds the sheets' XML while rows arrive, so that `content.xml`
/// can be assembled at the end with what must precede the first sheet (column styles, validations).
///
/// The file is made by `tmpfile()`, which removes its name at once: nothing is left behind, even when
/// the process dies. Memory stays flat: the writer hands over chunks, and ``copy(chunkSize:to:)``
/// reads them back one buffer at a time.
final class ODSSpool {
    private let file: UnsafeMutablePointer<FILE>
    /// The file being written, named in errors.
    private let location: SourceLocation

    /// Opens the temporary file for the output named `location`.
    ///
    /// - Throws: ``SheetError/io(_:_:)`` when no temporary file can be made.
    init(for location: SourceLocation) throws {
        self.location = location
        guard let file = tmpfile() else { throw SheetError.io(location, "cannot create a temporary file: \(String(cString: strerror(errno)))") }
        self.file = file
    }

    deinit {
        fclose(file)
    }

    /// Appends `bytes`.
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        guard fwrite(base, 1, bytes.count, file) == bytes.count else {
            throw SheetError.io(location, "cannot write the temporary file: \(String(cString: strerror(errno)))")
        }
    }

    /// Hands everything written so far to `sink`, in chunks of at most `chunkSize` bytes.
    func copy(chunkSize: Int = 1 << 18, to sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard fflush(file) == 0, fseek(file, 0, SEEK_SET) == 0 else {
            throw SheetError.io(location, "cannot read the temporary file back: \(String(cString: strerror(errno)))")
        }
        var buffer = [UInt8](repeating: 0, count: max(chunkSize, 1))
        while true {
            let count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if count > 0 { try buffer.withUnsafeBytes { try sink(UnsafeRawBufferPointer(rebasing: $0[0..<count])) } }
            if count < buffer.count {
                guard ferror(file) == 0 else { throw SheetError.io(location, "cannot read the temporary file back") }
                return
            }
        }
    }
}
