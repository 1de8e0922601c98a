import Foundation

extension String {
    /// Lowercased, without accents, with runs of spaces and punctuation as one space: the form in which
    /// headers, status words and verbs are compared (`Huidige  waarde:` → `huidige waarde`).
    public var folded: String {
        if let ascii = asciiFolded { return ascii }
        let plain = folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var out = ""
        var pendingSpace = false
        for scalar in plain.unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) || scalar.properties.isEmojiPresentation
                || ["%", "€", "$", "£", "#", "✓", "✔"].contains(scalar) {
                if pendingSpace, !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingSpace = true
            }
        }
        return out
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
