import Foundation

extension String {
    /// Lowercased, without accents, with runs of spaces and punctuation as one space: the form in which
    /// headers, status words and verbs are compared (`Huidige  waarde:` → `huidige waarde`).
    public var folded: String {
        if let ascii = asciiFolded { return ascii }
        if let latin = latinFolded { return latin }
        return Self.fold(folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil).unicodeScalars)
    }

    /// Keeps the letters, digits, emoji and the signs that carry meaning (`%`, `€`, `✓`…) of folded
    /// scalars; any run of other scalars becomes one space between words.
    private static func fold<S: Sequence<Unicode.Scalar>>(_ scalars: S) -> String {
        var out = ""
        var pendingSpace = false
        for scalar in scalars {
            if keeps(scalar) {
                if pendingSpace, !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingSpace = true
            }
        }
        return out
    }

    private static func keeps(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 {
            let v = scalar.value
            return (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || (v >= 0x30 && v <= 0x39) || v == 0x25 || v == 0x24 || v == 0x23
        }
        return CharacterSet.alphanumerics.contains(scalar) || scalar.properties.isEmojiPresentation
            || ["%", "€", "$", "£", "#", "✓", "✔"].contains(scalar)
    }

    /// ``folded`` for text in the Latin scripts of Western Europe (ASCII, Latin-1, Latin Extended-A and
    /// B, and `€`): each scalar folded on its own through a table made once with Foundation's folding,
    /// which gives what folding the whole text gives for these precomposed letters. Foundation's folding
    /// of a whole text costs most of an update's fixed time (key-result titles, status words). nil for
    /// any other scalar (combining marks among them), which takes the general path.
    private var latinFolded: String? {
        var folded = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            if scalar.value < 0x80 {
                folded.append(scalar.value >= 0x41 && scalar.value <= 0x5A ? Unicode.Scalar(scalar.value + 0x20)! : scalar)
            } else if scalar.value < 0x250 {
                folded.append(contentsOf: latinFolding[Int(scalar.value) - 0x80])
            } else if scalar == "€" {
                folded.append(scalar)
            } else {
                return nil
            }
        }
        return Self.fold(folded)
    }

    /// ``folded`` for ASCII text, byte by byte (Foundation's folding costs most of the time when the
    /// built-in mappings load); nil when the text has other characters.
    private var asciiFolded: String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var pendingSpace = false
        for b in utf8 {
            guard b < 0x80 else { return nil }
            var c = b
            if c >= 0x41 && c <= 0x5A { c += 0x20 }
            if (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x25 || c == 0x24 || c == 0x23 {
                if pendingSpace, !bytes.isEmpty { bytes.append(0x20) }
                pendingSpace = false
                bytes.append(c)
            } else {
                pendingSpace = true
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The folded words.
    public var foldedWords: [Substring] {
        folded.split(separator: " ")
    }
}

/// Foundation's case-, diacritic- and width-insensitive folding of each scalar from U+0080 to U+024F.
private let latinFolding: [String.UnicodeScalarView] = (0x80..<0x250).map { value in
    String(Character(Unicode.Scalar(value)!)).folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive],
                                                       locale: nil).unicodeScalars
}

extension String {
    /// The text without white space or line breaks at either end: what
    /// `trimmingCharacters(in: .whitespacesAndNewlines)` gives (Unicode's White_Space scalars, and the
    /// zero-width space that Foundation's set also holds), without a round trip through `NSString`.
    public var trimmingWhitespace: String {
        let scalars = unicodeScalars
        func blank(_ s: Unicode.Scalar) -> Bool { s.properties.isWhitespace || s.value == 0x200B }
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, blank(scalars[start]) { start = scalars.index(after: start) }
        while end > start, blank(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        if start == scalars.startIndex, end == scalars.endIndex { return self }
        return String(scalars[start..<end])
    }
}
