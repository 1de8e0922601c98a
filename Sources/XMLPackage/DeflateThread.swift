#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Deflates a ZIP entry on a second thread (an ODS `content.xml`, an XLSX worksheet): the writer hands
/// over its XML in chunks and goes on making the next rows while zlib compresses the previous ones.
///
/// At most ``capacity`` chunks wait (the writer blocks beyond that), and buffers are recycled, so
/// memory stays flat. While the thread runs, only it touches the ZIP entry and the output; ``finish()``
/// joins it before anything else is written.
public final class DeflateThread: @unchecked Sendable {
    private let stream: ZipEntryStream
    private let capacity: Int
    private var mutex = pthread_mutex_t()
    private var changed = pthread_cond_t()
    private var thread: pthread_t?
    // Guarded by `mutex`.
    private var queue: [[UInt8]] = []
    private var spare: [[UInt8]] = []
    private var closing = false
    private var failure: (any Error)?

    /// Starts the thread that writes into `stream`.
    public init(stream: ZipEntryStream, capacity: Int = 4) {
        self.stream = stream
        self.capacity = max(capacity, 1)
        pthread_mutex_init(&mutex, nil)
        pthread_cond_init(&changed, nil)
        var id = pthread_t()
        let started = pthread_create(&id, nil, { argument in
            guard let argument else { return nil }
            Unmanaged<DeflateThread>.fromOpaque(argument).takeRetainedValue().run()
            return nil
        }, Unmanaged.passRetained(self).toOpaque())
        if started == 0 {
            thread = id
        } else {
            Unmanaged.passUnretained(self).release()
        }
    }

    deinit {
        pthread_cond_destroy(&changed)
        pthread_mutex_destroy(&mutex)
    }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        return try body()
    }

    /// Queues a copy of `bytes` for compression (or compresses them here when no thread could start).
    ///
    /// - Throws: the error that stopped the compressing thread (a failed write, say).
    public func put(_ bytes: UnsafeRawBufferPointer) throws {
        guard thread != nil else { return try stream.write(bytes) }
        var buffer: [UInt8] = locked { spare.popLast() } ?? []
        buffer.removeAll(keepingCapacity: true)
        buffer.append(contentsOf: bytes)
        try locked {
            while queue.count >= capacity && failure == nil { pthread_cond_wait(&changed, &mutex) }
            if let failure { throw failure }
            queue.append(buffer)
            pthread_cond_broadcast(&changed)
        }
    }

    /// Waits until every queued chunk is compressed and ends the thread.
    ///
    /// - Throws: the error that stopped the compressing thread.
    public func finish() throws {
        guard let thread else { return }
        locked {
            closing = true
            pthread_cond_broadcast(&changed)
        }
        pthread_join(thread, nil)
        self.thread = nil
        if let failure = locked({ failure }) { throw failure }
    }

    private func run() {
        while true {
            let next: [UInt8]? = locked {
                while queue.isEmpty && !closing { pthread_cond_wait(&changed, &mutex) }
                if queue.isEmpty { return nil }
                let chunk = queue.removeFirst()
                pthread_cond_broadcast(&changed)
                return chunk
            }
            guard let chunk = next else { return }
            do {
                try chunk.withUnsafeBytes { try stream.write($0) }
            } catch {
                locked {
                    failure = error
                    queue.removeAll()
                    pthread_cond_broadcast(&changed)
                }
                return
            }
            locked { spare.append(chunk) }
        }
    }
}
