import OKRCore

/// Turns what a KPI sheet's link column says (`O1.1`, `O1.1, O2.1`, a key result's title) into the ids
/// of the model's key results and objectives: the KPI tree.
enum KPILinkResolver {
    /// The parts of a link cell: separated by `,` `;` `|` or new lines.
    static func split(_ text: String) -> [String] {
        text.split(whereSeparator: { ",;|\n".contains($0) })
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
    }

    /// Each link as an id: an id as written (case aside), else the id of the key result or objective whose
    /// title it is, else of the only one whose title contains it. A link that matches nothing is kept as
    /// written (`check` warns about it). A cell that as a whole is a title (with commas in it) counts as one.
    static func resolve(_ links: [String], in objectives: [Objective]) -> [String] {
        guard !links.isEmpty, !objectives.isEmpty else { return links }
        var items: [(id: String, title: String)] = []
        for objective in objectives {
            items.append((objective.id, objective.title.folded))
            for kr in objective.keyResults { items.append((kr.id, kr.title.folded)) }
        }
        let whole = links.joined(separator: ", ").folded
        if links.count > 1, let item = items.first(where: { $0.title == whole }) { return [item.id] }
        var out: [String] = []
        for link in links {
            let id: String
            if let item = items.first(where: { $0.id.lowercased() == link.lowercased() }) {
                id = item.id
            } else if let item = items.first(where: { $0.title == link.folded }) {
                id = item.id
            } else {
                let folded = link.folded
                let containing = items.filter { !folded.isEmpty && $0.title.contains(folded) }
                id = containing.count == 1 ? containing[0].id : link
            }
            if !out.contains(id) { out.append(id) }
        }
        return out
    }
}
