import Foundation

extension String {
    /// Lowercased, without accents, with runs of spaces and punctuation as one space: the form in which
    /// headers, status words and verbs are compared (`Huidige  waarde:` → `huidige waarde`).
    public var folded: String {
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

    /// The folded words.
    public var foldedWords: [Substring] {
        folded.split(separator: " ")
    }
}
