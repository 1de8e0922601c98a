import OKRCore

/// How a template writes its statuses: with a coloured mark before or after the word, or the mark alone,
/// or the word alone; and in which language. Inferred from the template's status cells, so that
/// `🟡 Lopend` is followed by `🔵 Op schema` and `At risk` by `On track`.
struct StatusStyle: Sendable, Hashable {
    enum Mark: Sendable, Hashable {
        case none, before, after, only
    }

    var mark: Mark
    var language: String

    /// The style most of `texts` (non-empty status cells) share; without any, a word in `language`.
    init(texts: [String], mapping: Mapping, language: String) {
        var counts: [String: Int] = [:]
        for text in texts { counts[text, default: 0] += 1 }
        let languageOf = StatusStyle.languages(of: mapping)
        var marks: [Mark: Int] = [:]
        var languages: [String: Int] = [:]
        for (text, count) in counts {
            let t = text.trimmingCharacters(in: .whitespaces)
            guard !t.isEmpty else { continue }
            var words = t
            var kind = Mark.none
            if let m = StatusReader.marks.first(where: { t.hasPrefix($0.mark) }) {
                kind = .before
                words = String(t.dropFirst(m.mark.count))
            } else if let m = StatusReader.marks.first(where: { t.hasSuffix($0.mark) }) {
                kind = .after
                words = String(t.dropLast(m.mark.count))
            }
            let folded = words.folded
            if kind != .none, folded.isEmpty { kind = .only }
            marks[kind, default: 0] += count
            if let l = languageOf[folded] { languages[l, default: 0] += count }
        }
        mark = marks.max { $0.value != $1.value ? $0.value < $1.value : "\($0.key)" > "\($1.key)" }?.key ?? .none
        self.language = languages.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key ?? language
    }

    /// The language of each status word (folded) of `mapping` and the built-in one, the first vocabulary
    /// naming a word winning.
    static func languages(of mapping: Mapping) -> [String: String] {
        var table: [String: String] = [:]
        for vocabulary in mapping.vocabularies + Mapping.auto.vocabularies {
            for (status, words) in vocabulary.statuses {
                for word in words + [vocabulary.labels[status]].compactMap({ $0 }) {
                    let folded = word.folded
                    if !folded.isEmpty, table[folded] == nil { table[folded] = vocabulary.language }
                }
            }
        }
        return table
    }

    /// The coloured mark of a status.
    static func mark(_ status: Status) -> String {
        StatusReader.marks.first { $0.status == status }?.mark ?? ""
    }

    /// A status as this template writes it.
    func text(_ status: Status, mapping: Mapping) -> String {
        let word = mapping.label(status, language: language)
        switch mark {
        case .none: return word
        case .before: return StatusStyle.mark(status) + " " + word
        case .after: return word + " " + StatusStyle.mark(status)
        case .only: return StatusStyle.mark(status)
        }
    }
}
