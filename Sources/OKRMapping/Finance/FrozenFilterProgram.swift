/// A ``FilterProgram`` in allocated memory, so that the hot loop reads it through plain pointers
/// (no reference counting per row).
final class FrozenFilterProgram {
    let view: FilterProgram.View
    private let nodes: UnsafeMutableBufferPointer<FilterProgram.Node>
    private let children: UnsafeMutableBufferPointer<Int>
    private let needles: UnsafeMutableBufferPointer<(start: Int, count: Int)>
    private let bytes: UnsafeMutableBufferPointer<UInt8>

    init(_ program: FilterProgram) {
        func copy<T>(_ array: [T]) -> UnsafeMutableBufferPointer<T> {
            let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: max(array.count, 1))
            _ = buffer.initialize(from: array)
            return UnsafeMutableBufferPointer(rebasing: buffer[0..<array.count])
        }
        nodes = copy(program.nodes)
        children = copy(program.children)
        needles = copy(program.needles)
        bytes = copy(program.needleBytes)
        view = FilterProgram.View(nodes: UnsafeBufferPointer(nodes), children: UnsafeBufferPointer(children),
                                  needles: UnsafeBufferPointer(needles), bytes: UnsafeBufferPointer(bytes))
    }

    deinit {
        nodes.baseAddress?.deallocate()
        children.baseAddress?.deallocate()
        needles.baseAddress?.deallocate()
        bytes.baseAddress?.deallocate()
    }
}
