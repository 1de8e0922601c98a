/// The texts of the current row's cells, in one buffer reused row after row (no allocation per cell).
final class LedgerByteArena {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private var capacity = 4096
    private(set) var count = 0

    init() {
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    func reset() { count = 0 }

    /// Appends bytes; returns where they start.
    func append(_ bytes: UnsafeRawBufferPointer) -> Int {
        if count + bytes.count > capacity {
            var grown = capacity * 2
            while count + bytes.count > grown { grown *= 2 }
            let next = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
            next.update(from: base, count: count)
            base.deallocate()
            base = next
            capacity = grown
        }
        let start = count
        if let from = bytes.baseAddress { (base + start).update(from: from.assumingMemoryBound(to: UInt8.self), count: bytes.count) }
        count += bytes.count
        return start
    }

    /// The bytes of a range.
    func bytes(_ start: Int, _ length: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base + start, count: length)
    }
}
