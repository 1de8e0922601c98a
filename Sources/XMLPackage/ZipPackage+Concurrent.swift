import SheetKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ZipPackage {
    /// Streams an entry as ``stream(entry:chunkSize:_:)`` does, but inflates it on a second thread
    /// while `body` runs on this one (through a ``ChunkPipe`` of a few chunks), so that inflating and
    /// parsing a large worksheet overlap on two cores. Entries under 1 MiB are streamed directly.
    ///
    /// - Throws: as ``stream(entry:chunkSize:_:)``; when `body` throws, inflating stops and the
    ///   error is rethrown once the inflating thread has ended.
    public func streamConcurrently(entry name: String, chunkSize: Int = 1 << 16,
                                   _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard let entry = entry(named: name) else { return try stream(entry: name, chunkSize: chunkSize, body) }
        guard entry.uncompressedSize > 1 << 20 else { return try stream(entry, chunkSize: chunkSize, body) }
        let pipe = ChunkPipe()
        let job = InflateJob(package: self, entry: entry, chunkSize: chunkSize, pipe: pipe)
        let context = Unmanaged.passRetained(job).toOpaque()
        var thread = pthread_t()
        let started = pthread_create(&thread, nil, { context in
            guard let context else { return nil }
            Unmanaged<InflateJob>.fromOpaque(context).takeRetainedValue().run()
            return nil
        }, context)
        guard started == 0 else {
            Unmanaged<InflateJob>.fromOpaque(context).release()
            return try stream(entry, chunkSize: chunkSize, body)
        }
        defer { pthread_join(thread, nil) }
        try pipe.drain(body)
    }
}

/// The inflating side of ``ZipPackage/streamConcurrently(entry:chunkSize:_:)``: runs on its own
/// thread, touching only the package's immutable state and its file descriptor (through `pread`).
private final class InflateJob: @unchecked Sendable {
    let package: ZipPackage
    let entry: ZipEntry
    let chunkSize: Int
    let pipe: ChunkPipe

    init(package: ZipPackage, entry: ZipEntry, chunkSize: Int, pipe: ChunkPipe) {
        self.package = package
        self.entry = entry
        self.chunkSize = chunkSize
        self.pipe = pipe
    }

    func run() {
        do {
            try package.stream(entry, chunkSize: chunkSize) { try pipe.put($0) }
            pipe.finish(nil)
        } catch {
            pipe.finish(error)
        }
    }
}
