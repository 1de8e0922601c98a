import OKRCore
import SheetKit

/// What the reports show of the KPIs, worked out once for the XLSX, ODS and Markdown reports: the last
/// twelve periods as columns, each KPI's value per column, the counts per status and the KPI tree
/// (objective → key result → KPIs).
struct KPIReport {
    /// One KPI as a report row.
    struct Line {
        var kpi: KPI
        /// The value per column (nil: none in that period).
        var values: [Double?]
    }

    /// One branch of the tree: an objective or a key result with the KPIs linked to it.
    struct Branch {
        var id: String
        var title: String
        /// 0 for an objective, 1 for a key result.
        var depth: Int
        var kpis: [KPI]
    }

    let labels: ReportLabels
    /// The periods of the columns, oldest first (at most twelve).
    let columns: [KPIPeriod]
    let lines: [Line]

    static let columnCount = 12
    /// The statuses in the order the reports list them.
    static let order: [KPIStatus] = [.green, .amber, .red, .noData]

    init(model: OKRModel, labels: ReportLabels) {
        self.labels = labels
        let asOf = model.asOf
        let counted = model.kpis.map { KPIDerived.countedValues($0, asOf: asOf) }
        // The columns' kind: the most common rhythm among the KPIs (months when there is a tie or none).
        var kinds: [KPIPeriod.Kind: Int] = [:]
        for kpi in model.kpis { if let kind = KPIDerived.rhythm(of: kpi) { kinds[kind, default: 0] += 1 } }
        let kind = kinds.max { a, b in a.value != b.value ? a.value < b.value : KPIReport.rank(a.key) > KPIReport.rank(b.key) }?.key ?? .month
        // The last column: the latest period with a value, else the one holding the as-of date.
        let latestEnd = counted.flatMap { $0.map(\.period.end) }.max()
        let last = KPIPeriod.containing(latestEnd ?? asOf ?? CivilDate.today(), kind: kind)
        var periods = [last]
        while periods.count < KPIReport.columnCount { periods.insert(periods[0].previous, at: 0) }
        columns = periods
        lines = zip(model.kpis, counted).map { kpi, values in
            Line(kpi: kpi, values: periods.map { column in
                // The latest value whose period ends within the column's (a quarter's in its last month).
                values.filter { $0.period.end >= column.start && $0.period.end <= column.end }.max { $0.period < $1.period }?.value
            })
        }
    }

    private static func rank(_ kind: KPIPeriod.Kind) -> Int {
        kind == .month ? 0 : 1
    }

    /// The counts per status.
    var counts: [KPIStatus: Int] {
        var counts: [KPIStatus: Int] = [:]
        for line in lines { counts[line.kpi.status ?? .noData, default: 0] += 1 }
        return counts
    }

    /// The KPI tree: each objective, then each of its key results, with the KPIs linked to them; KPIs
    /// linked to nothing of the model come last, under "(no link)".
    func tree(_ model: OKRModel) -> [Branch] {
        var branches: [Branch] = []
        var placed = Set<String>()
        func linked(to id: String) -> [KPI] {
            let found = model.kpis.filter { $0.links.contains(id) }
            for kpi in found { placed.insert(kpi.id) }
            return found
        }
        for objective in model.objectives {
            let direct = linked(to: objective.id)
            var children: [Branch] = []
            for kr in objective.keyResults {
                let kpis = linked(to: kr.id)
                if !kpis.isEmpty { children.append(Branch(id: kr.id, title: kr.title, depth: 1, kpis: kpis)) }
            }
            if !direct.isEmpty || !children.isEmpty {
                branches.append(Branch(id: objective.id, title: objective.title, depth: 0, kpis: direct))
                branches += children
            }
        }
        let loose = model.kpis.filter { !placed.contains($0.id) }
        if !loose.isEmpty { branches.append(Branch(id: "", title: labels.kpiWithoutLink, depth: 0, kpis: loose)) }
        return branches
    }

    /// A column's header: `mei 26`, `Q2 26`, `W19`, `2026`.
    func header(_ period: KPIPeriod) -> String {
        let start = period.start
        let twoDigits = start.year % 100
        let year = (twoDigits < 10 ? "0" : "") + String(twoDigits)
        switch period.kind {
        case .month:
            let months: [String]
            switch labels.language {
            case "nl": months = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
            case "fr": months = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
            default: months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
            }
            return months[start.month - 1] + " " + year
        case .quarter:
            return labels.pick("Q", "Q", "T") + String((start.month - 1) / 3 + 1) + " " + year
        default:
            let text = period.description
            return text.count > 8 ? String(text.suffix(5)) : text
        }
    }

    /// A status's label (`Groen`).
    func label(_ status: KPIStatus?) -> String {
        labels.kpiStatus(status ?? .noData)
    }

    /// A status's mark for Markdown.
    static func mark(_ status: KPIStatus?) -> String {
        switch status ?? .noData {
        case .green: return "🟢"
        case .amber: return "🟡"
        case .red: return "🔴"
        case .noData: return "⚪"
        }
    }

    /// The colours of a status: fill and text, `RRGGBB`.
    static func colors(_ status: KPIStatus) -> (fill: String, font: String) {
        switch status {
        case .green: return ("C6EFCE", "006100")
        case .amber: return ("FFEB9C", "9C5700")
        case .red: return ("FFC7CE", "9C0006")
        case .noData: return ("EDEDED", "595959")
        }
    }
}
