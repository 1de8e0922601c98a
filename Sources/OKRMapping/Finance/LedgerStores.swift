/// The cells of one row, in allocated memory (one per slot).
final class LedgerCellStore {
    let pointer: UnsafeMutableBufferPointer<LedgerCell>

    init(count: Int) {
        let buffer = UnsafeMutableBufferPointer<LedgerCell>.allocate(capacity: max(count, 1))
        buffer.initialize(repeating: LedgerCell())
        pointer = UnsafeMutableBufferPointer(rebasing: buffer[0..<count])
    }

    deinit { pointer.baseAddress?.deallocate() }
}

/// The accumulators of a run in allocated memory, added to through a pointer per row (no copy on write,
/// no exclusivity check).
final class LedgerAccumulatorStore {
    let pointer: UnsafeMutableBufferPointer<LedgerAccumulator>

    init(_ accumulators: [LedgerAccumulator]) {
        let buffer = UnsafeMutableBufferPointer<LedgerAccumulator>.allocate(capacity: max(accumulators.count, 1))
        _ = buffer.initialize(from: accumulators)
        pointer = UnsafeMutableBufferPointer(rebasing: buffer[0..<accumulators.count])
    }

    deinit { pointer.baseAddress?.deallocate() }
}

/// Rules found by a number instead of tried one by one: when several key-result rules gate on the same
/// column (``MeasurePlan/gateSlot``) with ranges that do not overlap, a row's number is in at most one of
/// them. A whole number within the ranges' span (account numbers) is looked up in a table of the span's
/// whole numbers; any other number is found by bisection. The other rules (no gate, another column, a
/// `kpi:` rule, which counts its period's rows before its gate) are tried on every row, as before. Rules
/// add up independently, so the order they are tried in changes nothing.
final class LedgerGateIndex {
    /// The index as plain pointers, for the hot loop.
    struct Lookup {
        let slot: Int
        /// Sorted by low end; `highs[i] < lows[i + 1]`.
        let lows: UnsafeMutableBufferPointer<Double>
        let highs: UnsafeMutableBufferPointer<Double>
        let rules: UnsafeMutableBufferPointer<Int>
        /// The rules not indexed, in order.
        let others: UnsafeMutableBufferPointer<Int>
        /// Per whole number from ``denseLow`` on: the index in ``rules`` of the range holding it, -1 for none
        /// (empty when the span is too wide for a table).
        let dense: UnsafeMutableBufferPointer<Int16>
        let denseLow: Double

        /// The rule whose range holds `x`, if any.
        @inline(__always)
        func rule(for x: Double) -> Int? {
            let k = x - denseLow
            if k >= 0, k < Double(dense.count) {
                let i = Int(k)
                if Double(i) == k {
                    let entry = Int(dense[i])
                    return entry < 0 ? nil : rules[entry]
                }
            }
            return bisect(x)
        }

        /// ``rule(for:)`` without the table.
        @inline(__always)
        func bisect(_ x: Double) -> Int? {
            var lo = 0, hi = lows.count
            while lo < hi {
                let mid = (lo + hi) >> 1
                if lows[mid] <= x { lo = mid + 1 } else { hi = mid }
            }
            guard lo > 0, x <= highs[lo - 1] else { return nil }
            return rules[lo - 1]
        }
    }

    /// The widest span of whole numbers given a table (entries of 2 bytes).
    static let maxDenseSpan = 1 << 17

    let lookup: Lookup

    /// nil when fewer than two rules can be indexed, or their ranges overlap.
    init?(_ measures: [MeasurePlan]) {
        var counts: [Int: Int] = [:]
        for m in measures where m.bucketDate < 0 && m.gateSlot >= 0 && m.gateLow <= m.gateHigh { counts[m.gateSlot, default: 0] += 1 }
        guard let (slot, count) = counts.max(by: { ($0.value, -$0.key) < ($1.value, -$1.key) }), count >= 2 else { return nil }
        var indexed: [(low: Double, high: Double, rule: Int)] = []
        var others: [Int] = []
        for (r, m) in measures.enumerated() {
            if m.bucketDate < 0, m.gateSlot == slot, m.gateLow <= m.gateHigh {
                indexed.append((m.gateLow, m.gateHigh, r))
            } else {
                others.append(r)
            }
        }
        indexed.sort { ($0.low, $0.rule) < ($1.low, $1.rule) }
        for i in indexed.indices.dropFirst() where !(indexed[i - 1].high < indexed[i].low) { return nil }
        func copy<T>(_ array: [T]) -> UnsafeMutableBufferPointer<T> {
            let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: max(array.count, 1))
            _ = buffer.initialize(from: array)
            return UnsafeMutableBufferPointer(rebasing: buffer[0..<array.count])
        }
        // The table: whole numbers from the first range's low end to the last one's high end.
        var dense: [Int16] = []
        let first = indexed[0].low.rounded(.up), last = indexed[indexed.count - 1].high.rounded(.down)
        if first.isFinite, last.isFinite, last >= first, last - first < Double(LedgerGateIndex.maxDenseSpan), indexed.count < Int(Int16.max) {
            dense = Array(repeating: -1, count: Int(last - first) + 1)
            for (i, range) in indexed.enumerated() {
                let from = max(range.low.rounded(.up), first), to = min(range.high.rounded(.down), last)
                guard from <= to else { continue }
                for v in Int(from - first)...Int(to - first) { dense[v] = Int16(i) }
            }
        }
        lookup = Lookup(slot: slot, lows: copy(indexed.map(\.low)), highs: copy(indexed.map(\.high)), rules: copy(indexed.map(\.rule)),
                        others: copy(others), dense: copy(dense), denseLow: dense.isEmpty ? 0 : first)
    }

    deinit {
        lookup.lows.baseAddress?.deallocate()
        lookup.highs.baseAddress?.deallocate()
        lookup.rules.baseAddress?.deallocate()
        lookup.others.baseAddress?.deallocate()
        lookup.dense.baseAddress?.deallocate()
    }
}
