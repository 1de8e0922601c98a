import SheetKit

// The JSON form is a stable contract: camelCase keys, every model field present (null when unknown),
// dates as YYYY-MM-DD. Synthesised Codable would drop nil fields, so the keys are written out here.

extension KeyResult: Codable {
    enum CodingKeys: String, CodingKey {
        case id, title, owner, unit, start, target, current, comparator, changePercent, direction, kind, deadline,
             weight, progress, score, status, reportedStatus, inferred, source
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        title = try c.decode(String.self, forKey: .title)
        owner = try c.decodeIfPresent(String.self, forKey: .owner)
        unit = try c.decodeIfPresent(String.self, forKey: .unit)
        start = try c.decodeIfPresent(Double.self, forKey: .start)
        target = try c.decodeIfPresent(Double.self, forKey: .target)
        current = try c.decodeIfPresent(Double.self, forKey: .current)
        comparator = try c.decodeIfPresent(Comparator.self, forKey: .comparator)
        changePercent = try c.decodeIfPresent(Double.self, forKey: .changePercent)
        direction = try c.decodeIfPresent(Direction.self, forKey: .direction) ?? .increase
        kind = try c.decodeIfPresent(KeyResultKind.self, forKey: .kind) ?? .metric
        deadline = try c.decodeIfPresent(String.self, forKey: .deadline).map { try CivilDate.decodeISO($0, codingPath: c.codingPath) }
        weight = try c.decodeIfPresent(Double.self, forKey: .weight) ?? 1
        progress = try c.decodeIfPresent(Double.self, forKey: .progress)
        score = try c.decodeIfPresent(Double.self, forKey: .score)
        status = try c.decodeIfPresent(Status.self, forKey: .status)
        reportedStatus = try c.decodeIfPresent(Status.self, forKey: .reportedStatus)
        inferred = try c.decodeIfPresent([String].self, forKey: .inferred) ?? []
        source = try c.decodeIfPresent(OKRSource.self, forKey: .source)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(title, forKey: .title)
        try c.encode(owner, forKey: .owner)
        try c.encode(unit, forKey: .unit)
        try c.encode(start, forKey: .start)
        try c.encode(target, forKey: .target)
        try c.encode(current, forKey: .current)
        try c.encode(comparator, forKey: .comparator)
        try c.encode(changePercent, forKey: .changePercent)
        try c.encode(direction, forKey: .direction)
        try c.encode(kind, forKey: .kind)
        try c.encode(deadline?.description, forKey: .deadline)
        try c.encode(weight, forKey: .weight)
        try c.encode(progress, forKey: .progress)
        try c.encode(score, forKey: .score)
        try c.encode(status, forKey: .status)
        try c.encode(reportedStatus, forKey: .reportedStatus)
        try c.encode(inferred, forKey: .inferred)
        try c.encode(source, forKey: .source)
    }
}

extension Objective: Codable {
    enum CodingKeys: String, CodingKey {
        case id, title, level, levelLabel, owner, type, parent, weight, progress, score, status, keyResults, source
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        title = try c.decode(String.self, forKey: .title)
        level = try c.decodeIfPresent(Level.self, forKey: .level)
        levelLabel = try c.decodeIfPresent(String.self, forKey: .levelLabel)
        owner = try c.decodeIfPresent(String.self, forKey: .owner)
        type = try c.decodeIfPresent(ObjectiveType.self, forKey: .type) ?? .committed
        parent = try c.decodeIfPresent(String.self, forKey: .parent)
        weight = try c.decodeIfPresent(Double.self, forKey: .weight) ?? 1
        progress = try c.decodeIfPresent(Double.self, forKey: .progress)
        score = try c.decodeIfPresent(Double.self, forKey: .score)
        status = try c.decodeIfPresent(Status.self, forKey: .status)
        keyResults = try c.decodeIfPresent([KeyResult].self, forKey: .keyResults) ?? []
        source = try c.decodeIfPresent(OKRSource.self, forKey: .source)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(title, forKey: .title)
        try c.encode(level, forKey: .level)
        try c.encode(levelLabel, forKey: .levelLabel)
        try c.encode(owner, forKey: .owner)
        try c.encode(type, forKey: .type)
        try c.encode(parent, forKey: .parent)
        try c.encode(weight, forKey: .weight)
        try c.encode(progress, forKey: .progress)
        try c.encode(score, forKey: .score)
        try c.encode(status, forKey: .status)
        try c.encode(keyResults, forKey: .keyResults)
        if let source { try c.encode(source, forKey: .source) }
    }
}

extension OKRModel: Codable {
    enum CodingKeys: String, CodingKey {
        case language, period, asOf, objectives, kpis, findings
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        language = try c.decodeIfPresent(String.self, forKey: .language) ?? "en"
        period = try c.decodeIfPresent(Period.self, forKey: .period)
        asOf = try c.decodeIfPresent(String.self, forKey: .asOf).map { try CivilDate.decodeISO($0, codingPath: c.codingPath) }
        objectives = try c.decodeIfPresent([Objective].self, forKey: .objectives) ?? []
        kpis = try c.decodeIfPresent([KPI].self, forKey: .kpis) ?? []
        findings = try c.decodeIfPresent([Finding].self, forKey: .findings) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(language, forKey: .language)
        try c.encode(period, forKey: .period)
        try c.encode(asOf?.description, forKey: .asOf)
        try c.encode(objectives, forKey: .objectives)
        // Written only when there are KPIs: a model of OKRs alone stays byte for byte what it was.
        if !kpis.isEmpty { try c.encode(kpis, forKey: .kpis) }
        try c.encode(findings, forKey: .findings)
    }
}
