import OKRCore

/// What the summary sheet and section show: per objective, per level, and key results per status.
/// Computed once here so that the XLSX, ODS and Markdown reports agree.
public struct ReportSummary: Sendable {
    public struct LevelLine: Sendable {
        public var name: String
        public var objectives: Int
        /// Mean objective progress (each capped at 1), nil when none has one.
        public var progress: Double?
        public var counts: [Status: Int]
    }

    public var levels: [LevelLine] = []
    public var counts: [Status: Int] = [:]
    public var keyResults = 0

    public init(model: OKRModel, labels: ReportLabels) {
        var order: [String] = []
        var byName: [String: LevelLine] = [:]
        for o in model.objectives {
            let name = labels.levelName(o.level, label: o.levelLabel)
            if byName[name] == nil {
                order.append(name)
                byName[name] = LevelLine(name: name, objectives: 0, progress: nil, counts: [:])
            }
            byName[name]?.objectives += 1
            for kr in o.keyResults {
                let status = kr.status ?? .notStarted
                byName[name]?.counts[status, default: 0] += 1
                counts[status, default: 0] += 1
                keyResults += 1
            }
        }
        for name in order {
            var line = byName[name]!
            let progresses = model.objectives.filter { labels.levelName($0.level, label: $0.levelLabel) == name }.compactMap(\.progress)
            line.progress = progresses.isEmpty ? nil : progresses.map { min(1, $0) }.reduce(0, +) / Double(progresses.count)
            levels.append(line)
        }
    }

    /// The statuses in report order.
    public static let order: [Status] = [.achieved, .onTrack, .atRisk, .offTrack, .notStarted]
}
