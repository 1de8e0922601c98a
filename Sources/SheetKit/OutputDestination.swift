/// Where a writer's bytes go: a file, written atomically (see ``AtomicOutputFile``), or standard output.
/// The one place that decides between the two, for every binary writer.
public final class OutputDestination {
    private let file: AtomicOutputFile?
    /// The sink for the bytes.
    public let writer: ByteWriter
    /// The name messages show: the path, or `<stdout>`.
    public let displayName: String

    /// - Parameter path: the output file, or nil for standard output.
    /// - Throws: ``SheetError/io(_:_:)`` when the destination folder is not writable.
    public init(path: String?) throws {
        if let path {
            let file = try AtomicOutputFile(path: path)
            self.file = file
            writer = file.writer
            displayName = path
        } else {
            file = nil
            writer = ByteWriter.standardOutput()
            displayName = "<stdout>"
        }
    }

    /// Makes the output visible: renames the file into place, or flushes standard output.
    public func commit() throws {
        if let file { try file.commit() } else { try writer.flush() }
    }
}
