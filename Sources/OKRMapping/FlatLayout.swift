import OKRCore
import SheetKit

/// The flat layout: one row per key result carrying every field of the model, so that importing it gives
/// back the same model. Headers are in the model's language and are synonyms of the shipped mapping files;
/// `Direction`, `Progress`, `Score` and `Computed status` are derived and recomputed on import.
public enum FlatLayout {
    /// A column: its label per language.
    struct Column {
        var en: String
        var nl: String
        var fr: String
        func label(_ language: String) -> String {
            switch language {
            case "nl": return nl
            case "fr": return fr
            default: return en
            }
        }
    }

    static let columns: [Column] = [
        Column(en: "Objective ID", nl: "Doelstelling ID", fr: "ID objectif"),
        Column(en: "Key result ID", nl: "Sleutelresultaat ID", fr: "ID résultat clé"),
        Column(en: "Parent", nl: "Bovenliggende doelstelling", fr: "Objectif parent"),
        Column(en: "Level", nl: "Niveau", fr: "Niveau"),
        Column(en: "Objective", nl: "Doelstelling", fr: "Objectif"),
        Column(en: "Objective owner", nl: "Eigenaar doelstelling", fr: "Responsable objectif"),
        Column(en: "Type", nl: "Type", fr: "Type"),
        Column(en: "Objective weight", nl: "Gewicht doelstelling", fr: "Poids objectif"),
        Column(en: "Key result", nl: "Sleutelresultaat", fr: "Résultat clé"),
        Column(en: "Owner", nl: "Verantwoordelijke", fr: "Responsable"),
        Column(en: "Weight", nl: "Gewicht", fr: "Poids"),
        Column(en: "Unit", nl: "Eenheid", fr: "Unité"),
        Column(en: "Start", nl: "Startwaarde", fr: "Valeur de départ"),
        Column(en: "Current", nl: "Huidige waarde", fr: "Valeur actuelle"),
        Column(en: "Target", nl: "Doelwaarde", fr: "Valeur cible"),
        Column(en: "Comparator", nl: "Vergelijking", fr: "Comparateur"),
        Column(en: "Change", nl: "Wijziging", fr: "Variation"),
        Column(en: "Direction", nl: "Richting", fr: "Sens"),
        Column(en: "Kind", nl: "Soort resultaat", fr: "Nature du résultat"),
        Column(en: "Deadline", nl: "Deadline", fr: "Échéance"),
        Column(en: "Period", nl: "Periode", fr: "Période"),
        Column(en: "Progress", nl: "Voortgang", fr: "Progression"),
        Column(en: "Score", nl: "Score", fr: "Score"),
        Column(en: "Computed status", nl: "Berekende status", fr: "Statut calculé"),
        Column(en: "Status", nl: "Status", fr: "Statut"),
        Column(en: "Inferred", nl: "Afgeleid", fr: "Déduit"),
    ]

    /// The header labels in a language.
    public static func headers(language: String) -> [String] {
        columns.map { $0.label(language) }
    }

    /// The rows: the header, then one row per key result (an objective without key results gets one row).
    /// Numbers are cell numbers; writers format them (a CSV writer in the language's decimal convention).
    public static func rows(_ model: OKRModel, language: String) -> [[CellValue]] {
        var rows: [[CellValue]] = [headers(language: language).map { .text($0) }]
        for o in model.objectives {
            let objectiveCells: [CellValue] = [
                text(o.id), .empty, text(o.parent), text(o.levelLabel ?? o.level?.rawValue), text(o.title), text(o.owner),
                text(o.type.rawValue), number(o.weight),
            ]
            if o.keyResults.isEmpty {
                var row = objectiveCells + Array(repeating: CellValue.empty, count: columns.count - objectiveCells.count)
                row[20] = text(model.period?.label)
                rows.append(row)
            }
            for kr in o.keyResults {
                var row = objectiveCells
                row[1] = text(kr.id)
                row += [
                    text(kr.title), text(kr.owner), number(kr.weight), text(kr.unit), number(kr.start), current(kr),
                    number(kr.target), text(kr.comparator?.rawValue), number(kr.changePercent), text(kr.direction.rawValue),
                    text(kr.kind.rawValue), kr.deadline.map { .date($0) } ?? .empty, text(model.period?.label),
                    number(kr.progress), number(kr.score), text(kr.status?.rawValue), text(kr.reportedStatus?.rawValue),
                    text(kr.inferred.isEmpty ? nil : kr.inferred.joined(separator: " ")),
                ]
                rows.append(row)
            }
        }
        return rows
    }

    static func current(_ kr: KeyResult) -> CellValue {
        guard let current = kr.current else { return .empty }
        if kr.kind == .milestone, current == 0 || current == 1 { return .text(current == 1 ? "done" : "not done") }
        return .number(current)
    }

    static func text(_ s: String?) -> CellValue {
        guard let s, !s.isEmpty else { return .empty }
        return .text(s)
    }

    static func number(_ d: Double?) -> CellValue {
        d.map { .number($0) } ?? .empty
    }
}
