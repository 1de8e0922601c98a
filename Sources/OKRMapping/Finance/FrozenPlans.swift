/// The roots and measures of the rules in allocated memory, read through plain pointers per row.
final class FrozenPlans {
    let roots: UnsafeBufferPointer<Int>
    let measures: UnsafeBufferPointer<MeasurePlan>

    init(roots: [Int], measures: [MeasurePlan]) {
        let r = UnsafeMutableBufferPointer<Int>.allocate(capacity: max(roots.count, 1))
        _ = r.initialize(from: roots)
        self.roots = UnsafeBufferPointer(rebasing: r[0..<roots.count])
        let m = UnsafeMutableBufferPointer<MeasurePlan>.allocate(capacity: max(measures.count, 1))
        _ = m.initialize(from: measures)
        self.measures = UnsafeBufferPointer(rebasing: m[0..<measures.count])
    }

    deinit {
        roots.baseAddress?.deallocate()
        measures.baseAddress?.deallocate()
    }
}
