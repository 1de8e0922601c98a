import SheetKit

/// One piece of a cell value or a key-result sentence, as ``ValueLexer`` cuts it.
struct ValueToken: Sendable, Hashable {
    /// What the piece is.
    enum Kind: Sendable, Hashable {
        /// Digits with their separators as written (`1.200`, `1 234,56`, `7,2`); any space inside is `" "`.
        case number(String)
        /// A number written as an ordinal: `1er`, `2de`, `3e`, `3rd`.
        case ordinal(Int)
        /// A numeric date: `30-06-2026`, `30/06/2026`, `30.06.2026`, `2026-06-30`.
        case date(CivilDate)
        /// A run of letters and digits, lowercased and without accents: `verhogen`, `q2`, `s2score-audit`.
        case word(String)
        /// Any other visible character; the minus sign U+2212 and dashes become `-`.
        case symbol(Character)
    }

    var kind: Kind
    /// The text as written (to tell `M` from `m` and `één` from `een`).
    var raw: String
    /// Whether white space separates this token from the one before.
    var spaceBefore: Bool

    /// The folded word, if this is a word.
    var word: String? {
        if case .word(let w) = kind { return w }
        return nil
    }

    /// The symbol, if this is a symbol.
    var symbol: Character? {
        if case .symbol(let c) = kind { return c }
        return nil
    }

    /// The number's text, if this is a number.
    var numberText: String? {
        if case .number(let t) = kind { return t }
        return nil
    }

    /// The value of a number written with digits only (`30`, `2026`), else nil.
    var plainInteger: Int? {
        guard case .number(let t) = kind, t.utf8.count <= 9, t.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return Int(t)
    }

    /// Whether this is the word `w`.
    func isWord(_ w: String) -> Bool { word == w }

    /// Whether this is the symbol `c`.
    func isSymbol(_ c: Character) -> Bool { symbol == c }
}
