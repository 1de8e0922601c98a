import OKRCore

/// The words of the board report in one language: titles, column headers and status labels.
public struct ReportLabels: Sendable {
    public let language: String
    let mapping: Mapping

    public init(language: String, mapping: Mapping = .auto) {
        self.language = ["nl", "fr", "en"].contains(language) ? language : "en"
        self.mapping = mapping
    }

    func pick(_ en: String, _ nl: String, _ fr: String) -> String {
        switch language {
        case "nl": return nl
        case "fr": return fr
        default: return en
        }
    }

    public var reportTitle: String { pick("OKR report", "OKR-rapport", "Rapport OKR") }
    public var summaryTitle: String { pick("Summary", "Samenvatting", "Synthèse") }
    public var asOf: String { pick("as of", "stand op", "au") }
    public var level: String { pick("Level", "Niveau", "Niveau") }
    public var objectiveOrKeyResult: String { pick("Objective / key result", "Doelstelling / sleutelresultaat", "Objectif / résultat clé") }
    public var objective: String { pick("Objective", "Doelstelling", "Objectif") }
    public var owner: String { pick("Owner", "Verantwoordelijke", "Responsable") }
    public var start: String { pick("Start", "Start", "Départ") }
    public var current: String { pick("Current", "Huidig", "Actuel") }
    public var target: String { pick("Target", "Doel", "Cible") }
    public var progress: String { pick("Progress", "Voortgang", "Progression") }
    public var score: String { pick("Score", "Score", "Score") }
    public var status: String { pick("Status", "Status", "Statut") }
    public var deadline: String { pick("Deadline", "Deadline", "Échéance") }
    public var keyResults: String { pick("Key results", "Sleutelresultaten", "Résultats clés") }
    public var byLevel: String { pick("By level", "Per niveau", "Par niveau") }
    public var byObjective: String { pick("By objective", "Per doelstelling", "Par objectif") }
    public var statusCounts: String { pick("Key results per status", "Sleutelresultaten per status", "Résultats clés par statut") }
    public var total: String { pick("Total", "Totaal", "Total") }
    public var done: String { pick("done", "gereed", "fait") }
    public var notDone: String { pick("not done", "niet gereed", "pas fait") }
    public var noLevel: String { pick("(no level)", "(geen niveau)", "(sans niveau)") }

    public var kpis: String { pick("KPIs", "KPI's", "KPI") }
    public var kpi: String { pick("KPI", "KPI", "Indicateur") }
    public var latest: String { pick("Latest", "Laatste", "Dernière") }
    public var change: String { pick("Change", "Verschil", "Variation") }
    public var trend: String { pick("Trend", "Trend", "Tendance") }
    public var kpisPerStatus: String { pick("KPIs per status", "KPI's per status", "Indicateurs par statut") }
    public var kpiTree: String { pick("KPI tree", "KPI-boom", "Arbre des indicateurs") }
    public var kpiWithoutLink: String { pick("(no link)", "(geen koppeling)", "(sans lien)") }

    /// The label of a KPI's status (`Groen`, `Oranje`, `Rood`, `Geen gegevens`).
    public func kpiStatus(_ status: KPIStatus) -> String {
        switch status {
        case .green: return pick("Green", "Groen", "Vert")
        case .amber: return pick("Amber", "Oranje", "Orange")
        case .red: return pick("Red", "Rood", "Rouge")
        case .noData: return pick("No data", "Geen gegevens", "Pas de données")
        }
    }

    /// The label of a status (`Op schema`), as the mapping has it.
    public func label(_ status: Status) -> String { mapping.label(status, language: language) }

    /// The coloured mark of a status (🟢 🔵 🟡 🔴 ⚪).
    public static func mark(_ status: Status) -> String {
        switch status {
        case .achieved: return "🟢"
        case .onTrack: return "🔵"
        case .atRisk: return "🟡"
        case .offTrack: return "🔴"
        case .notStarted: return "⚪"
        }
    }

    /// The level's words when the template gave none (`company` → Bedrijf).
    public func levelName(_ level: Level?, label: String?) -> String {
        if let label { return label }
        switch level {
        case .company?: return pick("Company", "Bedrijf", "Entreprise")
        case .department?: return pick("Department", "Afdeling", "Département")
        case .team?: return pick("Team", "Team", "Équipe")
        case .individual?: return pick("Individual", "Individueel", "Individuel")
        case nil: return noLevel
        }
    }
}
