#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A bounded hand-off of byte chunks from one producing thread to one consuming thread, so that a ZIP
/// entry inflates on one core while its XML is parsed on another.
///
/// The producer blocks while ``capacity`` chunks wait; the consumer blocks while none does. Either
/// side may stop the other: the producer by finishing (with an error or not), the consumer by
/// cancelling. Buffers are recycled, so a steady stream allocates nothing.
final class ChunkPipe: @unchecked Sendable {
    /// Thrown inside the producer once the consumer has cancelled.
    struct Cancelled: Error {}

    private let capacity: Int
    private var mutex = pthread_mutex_t()
    private var changed = pthread_cond_t()
    // Guarded by `mutex`.
    private var queue: [[UInt8]] = []
    private var spare: [[UInt8]] = []
    private var finished = false
    private var failure: (any Error)?
    private var cancelled = false

    init(capacity: Int = 4) {
        self.capacity = max(capacity, 1)
        pthread_mutex_init(&mutex, nil)
        pthread_cond_init(&changed, nil)
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

    /// Producer: queues a copy of `bytes`, waiting for room.
    ///
    /// - Throws: ``Cancelled`` once the consumer has given up.
    func put(_ bytes: UnsafeRawBufferPointer) throws {
        var buffer: [UInt8] = locked { spare.popLast() } ?? []
        buffer.removeAll(keepingCapacity: true)
        buffer.append(contentsOf: bytes)
        try locked {
            while queue.count >= capacity && !cancelled { pthread_cond_wait(&changed, &mutex) }
            if cancelled { throw Cancelled() }
            queue.append(buffer)
            pthread_cond_broadcast(&changed)
        }
    }

    /// Producer: no more chunks; `error` is what stopped it, if anything.
    func finish(_ error: (any Error)?) {
        locked {
            finished = true
            if !(error is Cancelled) { failure = error }
            pthread_cond_broadcast(&changed)
        }
    }

    /// Consumer: hands each chunk to `body` in order until the producer finishes, then rethrows the
    /// producer's error. If `body` throws, the producer is cancelled and the error rethrown.
    func drain(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        while true {
            let next: [UInt8]? = locked {
                while queue.isEmpty && !finished { pthread_cond_wait(&changed, &mutex) }
                if queue.isEmpty { return nil }
                let chunk = queue.removeFirst()
                pthread_cond_broadcast(&changed)
                return chunk
            }
            guard let chunk = next else { break }
            do {
                try chunk.withUnsafeBytes(body)
            } catch {
                cancel()
                throw error
            }
            locked { spare.append(chunk) }
        }
        if let failure = locked({ failure }) { throw failure }
    }

    /// Consumer: stops the producer at its next chunk.
    func cancel() {
        locked {
            cancelled = true
            pthread_cond_broadcast(&changed)
        }
    }
}
