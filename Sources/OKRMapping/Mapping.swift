import OKRCore
import SheetKit

/// The words of one language: header synonyms, level, type and status vocabularies, export labels.
public struct Vocabulary: Sendable, Hashable {
    public var language: String
    /// The locale numbers are read in (`nl-BE`).
    public var locale: String
    /// Header texts per field, as written in the file.
    public var fields: [OKRField: [String]] = [:]
    public var levels: [Level: [String]] = [:]
    public var types: [ObjectiveType: [String]] = [:]
    public var statuses: [Status: [String]] = [:]
    /// How exports write each status.
    public var labels: [Status: String] = [:]
    /// Header texts per column of a KPI sheet.
    public var kpiFields: [KPIField: [String]] = [:]
    /// Words in a KPI frequency column (`Maandelijks`, `Mensuel`, `Monthly`).
    public var kpiFrequencies: [KPIFrequency: [String]] = [:]
    /// Words in a KPI direction column (`Hoger is beter`, `Plus haut est mieux`, `Lower is better`).
    public var kpiDirections: [KPIDirection: [String]] = [:]

    public init(language: String, locale: String) {
        self.language = language
        self.locale = locale
    }
}

/// A mapping: which header stands for which field, in which languages, and the settings of the rules.
/// The shipped files (`mappings/*.yaml`) together form the built-in ``Mapping/auto``.
public struct Mapping: Sendable, Hashable {
    /// Where it came from, for messages (`auto`, `mijn-sjabloon.yaml`).
    public var name: String
    /// One vocabulary per language; a template's language is the one whose headers match best.
    public var vocabularies: [Vocabulary]
    /// The locale to read numbers in; nil: from the template's language, else sniffed.
    public var locale: String?
    /// The sheet to read; nil: the first visible sheet with an OKR header.
    public var sheet: String?
    /// The 1-based header row; nil: detected.
    public var headerRow: Int?
    public var fiscalYearStart: Int = 1
    public var thresholds = StatusThresholds()
    /// Columns named by letter (`current: F`), which win over header matching.
    public var columns: [OKRField: Int] = [:]

    public init(name: String, vocabularies: [Vocabulary]) {
        self.name = name
        self.vocabularies = vocabularies
    }

    /// The vocabulary of a language, else the first.
    public func vocabulary(_ language: String) -> Vocabulary {
        vocabularies.first { $0.language == language } ?? vocabularies[0]
    }

    /// The level a level column's label names: the company, team and individual words of this mapping and
    /// the built-in one; any other label names a department (`Marketing`, `HR`).
    public func level(for label: String) -> Level {
        let folded = label.folded
        for vocabulary in vocabularies + Mapping.auto.vocabularies {
            for (level, words) in vocabulary.levels where words.contains(where: { $0.folded == folded }) {
                return level
            }
        }
        return .department
    }

    /// The status label in a language (DESIGN.md's defaults unless a mapping overrides them).
    public func label(_ status: Status, language: String) -> String {
        if let label = vocabulary(language).labels[status] { return label }
        return Mapping.auto.vocabularies.first { $0.language == language }?.labels[status]
            ?? Mapping.auto.vocabularies[0].labels[status] ?? status.rawValue
    }
}
