import OKRCore

/// Finds the KPI a `kpi:` rule names, the way ``KeyResultMatcher`` finds key results (``NameMatch``): by
/// id when its KPI sheet has an id column, then by exact name, then by the name without regard to case and
/// accents, then by a unique part of a name.
struct KPIMatcher {
    struct Candidate {
        /// The index of the KPI's table, and of the KPI in it.
        var table: Int
        var index: Int
        var kpi: KPI
        var idCounts: Bool
    }

    let candidates: [Candidate]

    init(tables: [KPITable]) {
        var list: [Candidate] = []
        for (t, table) in tables.enumerated() {
            for (k, kpi) in table.kpis.enumerated() { list.append(Candidate(table: t, index: k, kpi: kpi, idCounts: table.hasIDColumn)) }
        }
        candidates = list
    }

    /// The KPI `name` stands for.
    func match(_ name: String) -> NameMatch.Outcome<Candidate> {
        NameMatch.match(name, in: candidates, id: { $0.idCounts ? $0.kpi.id : nil }, title: { $0.kpi.name })
    }
}
