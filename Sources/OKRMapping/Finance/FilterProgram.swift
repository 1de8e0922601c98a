import Foundation

/// The rules' conditions compiled to plain nodes, evaluated without reference counting.
struct FilterProgram {
    enum Kind: UInt8 {
        case all, not, oneOf, startsWith, contains, numberBetween, dayBetween, textBetween
    }

    struct Node {
        var kind: Kind
        var slot = 0
        /// `all`: children[first..<first+count]; `not`: the child node `first`; text tests: needles[first..<first+count].
        var first = 0
        var count = 0
        var low = 0.0
        var high = 0.0
        var lowDay = 0
        var highDay = 0
    }

    var nodes: [Node] = []
    var children: [Int] = []
    /// Needles as (start, length) in ``needleBytes``; starts_with and contains needles are folded.
    var needles: [(start: Int, count: Int)] = []
    var needleBytes: [UInt8] = []

    mutating func add(_ node: Node) -> Int {
        nodes.append(node)
        return nodes.count - 1
    }

    mutating func addNeedles(_ values: [[UInt8]]) -> (first: Int, count: Int) {
        let first = needles.count
        for v in values {
            needles.append((needleBytes.count, v.count))
            needleBytes.append(contentsOf: v)
        }
        return (first, values.count)
    }

    /// The program copied into memory that does not move, for the hot loop.
    func frozen() -> FrozenFilterProgram { FrozenFilterProgram(self) }

    /// A view for the hot loop: raw pointers into the program, valid while its storage lives.
    struct View {
        let nodes: UnsafeBufferPointer<Node>
        let children: UnsafeBufferPointer<Int>
        let needles: UnsafeBufferPointer<(start: Int, count: Int)>
        let bytes: UnsafeBufferPointer<UInt8>

        /// Whether node `n` holds on a row: a rule's root, most often an `all` of plain tests, whose
        /// number and day tests are made here without a call.
        @inline(__always)
        func holdsAtRoot(_ n: Int, _ slots: UnsafeMutablePointer<LedgerCell>, _ arena: LedgerByteArena) -> Bool {
            let node = nodes[n]
            guard node.kind == .all else { return holds(n, slots, arena) }
            for c in node.first..<(node.first + node.count) {
                let child = nodes[children[c]]
                switch child.kind {
                case .numberBetween:
                    let slot = slots[child.slot]
                    guard slot.hasNumber, slot.number >= child.low, slot.number <= child.high else { return false }
                case .dayBetween:
                    let slot = slots[child.slot]
                    guard slot.hasDay, slot.day >= child.lowDay, slot.day <= child.highDay else { return false }
                default:
                    guard holds(children[c], slots, arena) else { return false }
                }
            }
            return true
        }

        func holds(_ n: Int, _ slots: UnsafeMutablePointer<LedgerCell>, _ arena: LedgerByteArena) -> Bool {
            let node = nodes[n]
            switch node.kind {
            case .all:
                for c in node.first..<(node.first + node.count) where !holds(children[c], slots, arena) { return false }
                return true
            case .not:
                return !holds(node.first, slots, arena)
            case .numberBetween:
                let slot = slots[node.slot]
                return slot.hasNumber && slot.number >= node.low && slot.number <= node.high
            case .dayBetween:
                let slot = slots[node.slot]
                return slot.hasDay && slot.day >= node.lowDay && slot.day <= node.highDay
            case .oneOf:
                let slot = slots[node.slot]
                let text = arena.bytes(slot.textStart, slot.textCount)
                for k in node.first..<(node.first + node.count) {
                    let needle = needles[k]
                    guard needle.count == text.count else { continue }
                    if needle.count == 0 { return true }
                    if let b = bytes.baseAddress, let t = text.baseAddress, memcmp(b + needle.start, t, text.count) == 0 { return true }
                }
                return false
            case .startsWith, .contains:
                let slot = slots[node.slot]
                return FilterProgram.withFolded(arena.bytes(slot.textStart, slot.textCount)) { text in
                    for k in node.first..<(node.first + node.count) {
                        let needle = UnsafeBufferPointer(rebasing: bytes[needles[k].start..<(needles[k].start + needles[k].count)])
                        guard needle.count <= text.count else { continue }
                        let last = node.kind == .startsWith ? 0 : text.count - needle.count
                        for start in 0...last where FilterProgram.equalFolding(text, start, needle) { return true }
                    }
                    return false
                }
            case .textBetween:
                let slot = slots[node.slot]
                guard !slot.isEmpty else { return false }
                let text = arena.bytes(slot.textStart, slot.textCount)
                let lo = needles[node.first], hi = needles[node.first + 1]
                let low = UnsafeBufferPointer(rebasing: bytes[lo.start..<(lo.start + lo.count)])
                let high = UnsafeBufferPointer(rebasing: bytes[hi.start..<(hi.start + hi.count)])
                return !text.lexicographicallyPrecedes(low) && !high.lexicographicallyPrecedes(text)
            }
        }
    }

    /// Whether `text` holds `needle` (folded) at `start`, ignoring the case of A–Z.
    @inline(__always)
    static func equalFolding(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        for k in 0..<needle.count {
            var b = text[start + k]
            if b >= 0x41, b <= 0x5A { b |= 0x20 }
            if b != needle[k] { return false }
        }
        return true
    }

    /// A needle without case and accents.
    static func folded(_ s: String) -> [UInt8] {
        Array(s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).utf8).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
    }

    /// Calls `body` with the text itself when it is ASCII (compared ignoring case on the fly), else with
    /// the text without case and accents.
    @inline(__always)
    static func withFolded<R>(_ text: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        for b in text where b >= 0x80 {
            return folded(String(decoding: text, as: UTF8.self)).withUnsafeBufferPointer(body)
        }
        return body(text)
    }
}
