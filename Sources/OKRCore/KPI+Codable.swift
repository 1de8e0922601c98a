import SheetKit

// The KPI's JSON follows the model's contract: camelCase keys, every field present (null when unknown),
// periods in their canonical text (`2026-05`, `2026-W19`, `2026-Q2`, `2026`, `2026-05-15`).

extension KPIPeriod: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        guard let period = KPIPeriod(canonical: text) else {
            throw DecodingError.dataCorruptedError(in: c,
                debugDescription: "\"\(text)\" is not a KPI period (2026-05-15, 2026-W19, 2026-05, 2026-Q2 or 2026)")
        }
        self = period
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

extension KPIValue: Codable {
    enum CodingKeys: String, CodingKey { case period, value }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        period = try c.decode(KPIPeriod.self, forKey: .period)
        value = try c.decode(Double.self, forKey: .value)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(period, forKey: .period)
        try c.encode(value, forKey: .value)
    }
}

extension KPI: Codable {
    enum CodingKeys: String, CodingKey {
        case id, name, owner, unit, direction, start, target, targetText, limits, frequency, frequencyLabel, level,
             levelLabel, links, values, latest, latestPeriod, change, changeRelative, status, stale, source
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        owner = try c.decodeIfPresent(String.self, forKey: .owner)
        unit = try c.decodeIfPresent(String.self, forKey: .unit)
        direction = try c.decodeIfPresent(KPIDirection.self, forKey: .direction) ?? .higher
        start = try c.decodeIfPresent(Double.self, forKey: .start)
        target = try c.decodeIfPresent(Double.self, forKey: .target)
        targetText = try c.decodeIfPresent(String.self, forKey: .targetText)
        limits = try c.decodeIfPresent(KPILimits.self, forKey: .limits)
        frequency = try c.decodeIfPresent(KPIFrequency.self, forKey: .frequency)
        frequencyLabel = try c.decodeIfPresent(String.self, forKey: .frequencyLabel)
        level = try c.decodeIfPresent(Level.self, forKey: .level)
        levelLabel = try c.decodeIfPresent(String.self, forKey: .levelLabel)
        links = try c.decodeIfPresent([String].self, forKey: .links) ?? []
        values = try c.decodeIfPresent([KPIValue].self, forKey: .values) ?? []
        latest = try c.decodeIfPresent(Double.self, forKey: .latest)
        latestPeriod = try c.decodeIfPresent(KPIPeriod.self, forKey: .latestPeriod)
        change = try c.decodeIfPresent(Double.self, forKey: .change)
        changeRelative = try c.decodeIfPresent(Double.self, forKey: .changeRelative)
        status = try c.decodeIfPresent(KPIStatus.self, forKey: .status)
        stale = try c.decodeIfPresent(Bool.self, forKey: .stale)
        source = try c.decodeIfPresent(OKRSource.self, forKey: .source)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(owner, forKey: .owner)
        try c.encode(unit, forKey: .unit)
        try c.encode(direction, forKey: .direction)
        try c.encode(start, forKey: .start)
        try c.encode(target, forKey: .target)
        try c.encode(targetText, forKey: .targetText)
        try c.encode(limits, forKey: .limits)
        try c.encode(frequency, forKey: .frequency)
        try c.encode(frequencyLabel, forKey: .frequencyLabel)
        try c.encode(level, forKey: .level)
        try c.encode(levelLabel, forKey: .levelLabel)
        try c.encode(links, forKey: .links)
        try c.encode(values, forKey: .values)
        try c.encode(latest, forKey: .latest)
        try c.encode(latestPeriod, forKey: .latestPeriod)
        try c.encode(change, forKey: .change)
        try c.encode(changeRelative, forKey: .changeRelative)
        try c.encode(status, forKey: .status)
        try c.encode(stale, forKey: .stale)
        if let source { try c.encode(source, forKey: .source) }
    }
}
