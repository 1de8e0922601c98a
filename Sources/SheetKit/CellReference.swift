/// A cell address: 0-based row and column, shown as A1.
public struct CellReference: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The largest sheet Excel allows: XFD1048576.
    public static let maxRows = 1_048_576
    public static let maxColumns = 16_384

    public var row: Int
    public var column: Int

    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// Parses `C7`, `$C$7` or `c7`; nil for anything else or beyond XFD1048576.
    public init?(_ text: String) {
        var utf8 = Array(text.utf8)[...]
        guard let parsed = CellReference.parse(&utf8), utf8.isEmpty else { return nil }
        self = parsed
    }

    /// Parses an A1 reference at the start of `bytes`, consuming it.
    public static func parse(_ bytes: inout ArraySlice<UInt8>) -> CellReference? {
        var column = 0, row = 0, letters = 0, digits = 0
        if bytes.first == UInt8(ascii: "$") { bytes.removeFirst() }
        while let b = bytes.first, let v = letterValue(b) {
            column = column * 26 + v
            letters += 1
            bytes.removeFirst()
            if letters > 3 { return nil }
        }
        if bytes.first == UInt8(ascii: "$") { bytes.removeFirst() }
        while let b = bytes.first, b >= 48, b <= 57 {
            row = row * 10 + Int(b - 48)
            digits += 1
            bytes.removeFirst()
            if digits > 7 { return nil }
        }
        guard letters > 0, digits > 0, row >= 1, row <= maxRows, column >= 1, column <= maxColumns else { return nil }
        return CellReference(row: row - 1, column: column - 1)
    }

    /// Parses the column letters (`C`, `xfd`) alone: a 0-based column index.
    public static func columnIndex(_ letters: String) -> Int? {
        var column = 0, count = 0
        for b in letters.utf8 {
            guard let v = letterValue(b), count < 3 else { return nil }
            column = column * 26 + v
            count += 1
        }
        guard count > 0, column <= maxColumns else { return nil }
        return column - 1
    }

    @inline(__always)
    static func letterValue(_ b: UInt8) -> Int? {
        if b >= 65, b <= 90 { return Int(b) - 64 }
        if b >= 97, b <= 122 { return Int(b) - 96 }
        return nil
    }

    /// Column letters for a 0-based index: 0 → A, 25 → Z, 26 → AA.
    public static func columnName(_ column: Int) -> String {
        var n = column + 1
        var letters: [UInt8] = []
        while n > 0 {
            let r = (n - 1) % 26
            letters.append(UInt8(65 + r))
            n = (n - 1) / 26
        }
        return String(decoding: letters.reversed(), as: UTF8.self)
    }

    public var columnName: String { CellReference.columnName(column) }

    /// `C7`.
    public var description: String { columnName + String(row + 1) }

    public static func < (a: CellReference, b: CellReference) -> Bool {
        (a.row, a.column) < (b.row, b.column)
    }
}

/// A rectangle of cells such as a merged range: `A1:C3`.
public struct CellRange: Sendable, Hashable, CustomStringConvertible {
    public var first: CellReference
    public var last: CellReference

    public init(first: CellReference, last: CellReference) {
        self.first = CellReference(row: min(first.row, last.row), column: min(first.column, last.column))
        self.last = CellReference(row: max(first.row, last.row), column: max(first.column, last.column))
    }

    /// Parses `A1:C3` or a single `B2`.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2,
              let a = CellReference(String(parts[0])),
              let b = CellReference(String(parts[parts.count - 1])) else { return nil }
        self.init(first: a, last: b)
    }

    public func contains(_ ref: CellReference) -> Bool {
        (first.row...last.row).contains(ref.row) && (first.column...last.column).contains(ref.column)
    }

    public var description: String { first == last ? first.description : "\(first):\(last)" }
}
