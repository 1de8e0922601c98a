import Dispatch
import Foundation
import SheetKit
import XMLPackage

/// Parses a large ZIP entry as XML with the inflating on a second thread: one thread inflates (and
/// checks the CRC) into a ring of buffers while the calling thread parses them and runs the handler,
/// so that a big `content.xml` costs about the parse alone rather than inflate plus parse.
///
/// The handler, and so the row consumer, runs on the calling thread only. Memory is the ring: four
/// 256 KiB buffers. An entry below ``threshold`` is parsed on the calling thread with
/// ``ZipPackage/parseXML(entry:namespaces:handler:location:)``.
final class ODSPipelinedParse: @unchecked Sendable {
    /// Entries smaller than this (uncompressed) are not worth a thread.
    static let threshold: Int64 = 4 << 20

    private static let slotSize = 1 << 18
    private static let slotCount = 4

    private let package: ZipPackage
    private let entry: String
    private let slots: UnsafeMutableRawPointer
    private let lengths: UnsafeMutablePointer<Int>
    /// Signalled once per filled slot (and once for the end).
    private let filled = DispatchSemaphore(value: 0)
    /// Signalled once per slot the parser has finished with.
    private let free = DispatchSemaphore(value: 0)
    /// Signalled when the inflating thread is done with the package.
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var cancelled = false
    /// The inflating thread's error, written before it signals the end.
    private var failure: (any Error)?

    private init(package: ZipPackage, entry: String) {
        self.package = package
        self.entry = entry
        slots = UnsafeMutableRawPointer.allocate(byteCount: Self.slotSize * Self.slotCount, alignment: 64)
        lengths = UnsafeMutablePointer<Int>.allocate(capacity: Self.slotCount)
        lengths.initialize(repeating: 0, count: Self.slotCount)
        // Semaphores start at 0 and are raised here: libdispatch traps when a semaphore is freed
        // below the value it was created with.
        for _ in 0..<Self.slotCount { free.signal() }
    }

    deinit {
        slots.deallocate()
        lengths.deallocate()
    }

    /// Parses the entry called `name` of `package`, as ``ZipPackage/parseXML(entry:namespaces:handler:location:)``
    /// does, inflating on a second thread when the entry is large.
    ///
    /// - Throws: ``SheetError`` for a missing or corrupt entry or XML that is not well-formed, or what the
    ///   handler throws.
    static func parseXML(_ package: ZipPackage, entry name: String, namespaces: XMLNamespaceMap,
                         handler: any XMLContentHandler, location: SourceLocation) throws {
        guard let entry = package.entry(named: name), entry.uncompressedSize >= threshold, !entry.isEncrypted else {
            try package.parseXML(entry: name, namespaces: namespaces, handler: handler, location: location)
            return
        }
        let parser = try XMLStreamParser(handler: handler, namespaces: namespaces, partName: name, location: location)
        let pipe = ODSPipelinedParse(package: package, entry: entry.name)
        try pipe.run(parser)
    }

    private func run(_ parser: XMLStreamParser) throws {
        let thread = Thread { [self] in inflate() }
        thread.start()
        defer {
            cancel()
            done.wait()
        }
        var read = 0
        while true {
            filled.wait()
            let slot = read % Self.slotCount
            let count = lengths[slot]
            if count < 0 { break }
            try parser.feed(UnsafeRawBufferPointer(start: slots + slot * Self.slotSize, count: count))
            read &+= 1
            free.signal()
        }
        if let failure { throw failure }
        try parser.finish()
    }

    /// Runs on the inflating thread: fills slots until the entry ends, fails or the parse is cancelled.
    private func inflate() {
        var written = 0
        do {
            try package.stream(entry: entry, chunkSize: Self.slotSize) { chunk in
                free.wait()
                if isCancelled { throw ODSStop() }
                let slot = written % Self.slotCount
                let count = min(chunk.count, Self.slotSize)
                if let base = chunk.baseAddress, count > 0 {
                    (slots + slot * Self.slotSize).copyMemory(from: base, byteCount: count)
                }
                lengths[slot] = count
                written &+= 1
                filled.signal()
            }
        } catch {
            if !isCancelled { failure = error }
        }
        free.wait()
        lengths[written % Self.slotCount] = -1
        filled.signal()
        done.signal()
    }

    private var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }

    /// Tells the inflating thread to stop, and frees every slot it may be waiting for.
    private func cancel() {
        lock.lock()
        cancelled = true
        lock.unlock()
        for _ in 0...Self.slotCount { free.signal() }
    }
}
