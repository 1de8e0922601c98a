import SheetKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ZipPackage {
    /// Parses an entry as XML while it inflates, chunk by chunk, never holding the document.
    ///
    /// An entry over ``concurrentThreshold`` (a worksheet, a `content.xml`) is inflated and parsed by
    /// libxml2 on a second thread, which records the events (``XMLEventRecorder``) and hands them over
    /// in blocks through a ``ChunkPipe``; `handler` runs on this thread as the blocks arrive. So the
    /// handler, and whatever it calls (a reader's row consumer, a writer), overlaps with inflating and
    /// XML parsing on two cores. Smaller entries are parsed on this thread.
    ///
    /// - Parameters:
    ///   - name: the entry (looked up as ``entry(named:)`` does).
    ///   - namespaces: the namespace ids the handler expects.
    ///   - handler: receives the events, on the calling thread only.
    ///   - location: where errors point (defaults to the file).
    /// - Throws: ``SheetError`` for a missing or corrupt entry or XML that is not well-formed, or what
    ///   the handler throws. The handler sees every event before a parse error, and its own error wins.
    public func parseXML(entry name: String, namespaces: XMLNamespaceMap, handler: any XMLContentHandler,
                         location: SourceLocation? = nil) throws {
        let location = location ?? SourceLocation(file: displayName)
        if let entry = entry(named: name), entry.uncompressedSize > ZipPackage.concurrentThreshold, !entry.isEncrypted {
            let recorder = try XMLEventRecorder(partName: name, location: location)
            let replayer = XMLEventReplayer(handler: handler, namespaces: namespaces, partName: name, location: location)
            let pipe = ChunkPipe()
            let job = XMLRecordJob(package: self, entry: entry, recorder: recorder, pipe: pipe)
            let context = Unmanaged.passRetained(job).toOpaque()
            var thread = pthread_t()
            let started = pthread_create(&thread, nil, { context in
                guard let context else { return nil }
                Unmanaged<XMLRecordJob>.fromOpaque(context).takeRetainedValue().run()
                return nil
            }, context)
            if started == 0 {
                // The recorder (whose dictionary the name records point into) lives until the join.
                defer { pthread_join(thread, nil) }
                try pipe.drain { try replayer.replay($0) }
                try replayer.finish()
                return
            }
            Unmanaged<XMLRecordJob>.fromOpaque(context).release()
        }
        let parser = try XMLStreamParser(handler: handler, namespaces: namespaces, partName: name, location: location)
        try stream(entry: name) { try parser.feed($0) }
        try parser.finish()
    }

    /// Entries larger than this (uncompressed) are parsed on a second thread.
    static let concurrentThreshold: Int64 = 1 << 20
}

/// The second thread of ``ZipPackage/parseXML(entry:namespaces:handler:location:)``: inflates the
/// entry, parses it with libxml2 into records, and puts them in the pipe in blocks of about
/// ``blockSize`` bytes. It touches only the package's immutable state, its file descriptor (through
/// `pread`) and the recorder.
private final class XMLRecordJob: @unchecked Sendable {
    static let blockSize = 1 << 17

    let package: ZipPackage
    let entry: ZipEntry
    let recorder: XMLEventRecorder
    let pipe: ChunkPipe

    init(package: ZipPackage, entry: ZipEntry, recorder: XMLEventRecorder, pipe: ChunkPipe) {
        self.package = package
        self.entry = entry
        self.recorder = recorder
        self.pipe = pipe
    }

    func run() {
        do {
            try package.streamConcurrently(entry: entry.name) { chunk in
                try recorder.feed(chunk)
                if recorder.count >= XMLRecordJob.blockSize { try hand() }
            }
            try recorder.finish()
            try hand()
            pipe.finish(nil)
        } catch {
            // The events before the error still reach the handler, which may fail first.
            if !(error is ChunkPipe.Cancelled) { try? hand() }
            pipe.finish(error)
        }
    }

    private func hand() throws {
        guard recorder.count > 0 else { return }
        defer { recorder.clear() }
        try pipe.put(recorder.records)
    }
}
