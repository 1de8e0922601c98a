/// The roots and measures of the rules in allocated memory, read through plain pointers per row; and,
/// for `kpi:` rules, the period index of each day their periods cover.
final class FrozenPlans {
    let roots: UnsafeBufferPointer<Int>
    let measures: UnsafeBufferPointer<MeasurePlan>
    let days: UnsafeBufferPointer<Int32>

    init(roots: [Int], measures: [MeasurePlan], days: [Int32]) {
        func copy<T>(_ array: [T]) -> UnsafeBufferPointer<T> {
            let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: max(array.count, 1))
            _ = buffer.initialize(from: array)
            return UnsafeBufferPointer(rebasing: buffer[0..<array.count])
        }
        self.roots = copy(roots)
        self.measures = copy(measures)
        self.days = copy(days)
    }

    deinit {
        roots.baseAddress?.deallocate()
        measures.baseAddress?.deallocate()
        days.baseAddress?.deallocate()
    }
}
