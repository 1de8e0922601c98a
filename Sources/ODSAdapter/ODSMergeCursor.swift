import SheetKit

/// Walks a sheet's merges row by row, so that the writer knows which cells of a row start a merge
/// (and carry its spans) and which are covered by one.
struct ODSMergeCursor {
    /// The merges not yet reached, by first row descending (the next one is last).
    private var pending: [CellRange]
    /// The merges that cover the current row, by first column.
    private(set) var active: [CellRange] = []

    init(_ merges: [CellRange]) {
        pending = merges.sorted { ($0.first.row, $0.first.column) > ($1.first.row, $1.first.column) }
    }

    /// Whether no merge covers any row from here on.
    var isDone: Bool { pending.isEmpty && active.isEmpty }

    /// The first row of the next merge not yet active (Int.max when none).
    var nextStart: Int { pending.last?.first.row ?? Int.max }

    /// One past the last row any merge covers (0 without merges).
    var end: Int {
        max(pending.map { $0.last.row + 1 }.max() ?? 0, active.map { $0.last.row + 1 }.max() ?? 0)
    }

    /// Moves to row `row` (ascending): drops the merges that ended, takes the ones that start.
    mutating func move(to row: Int) {
        var changed = false
        if active.contains(where: { $0.last.row < row }) {
            active.removeAll { $0.last.row < row }
        }
        while let next = pending.last, next.first.row <= row {
            pending.removeLast()
            if next.last.row >= row {
                active.append(next)
                changed = true
            }
        }
        if changed { active.sort { $0.first.column < $1.first.column } }
    }
}
