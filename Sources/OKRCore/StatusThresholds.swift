/// The settings of the status rules (DESIGN.md "Derived fields"); a mapping file may override them.
public struct StatusThresholds: Sendable, Hashable, Codable {
    /// With a period: a gap (expected − progress) up to this is on track.
    public var onTrackGap = 0.10
    /// With a period: a gap up to this is at risk; beyond, off track.
    public var atRiskGap = 0.25
    /// Aspirational key results are expected to reach this share of the elapsed-time progress.
    public var aspirationalFactor = 0.7
    /// Without a period: progress from this is on track.
    public var onTrackProgress = 0.7
    /// Without a period: progress from this is at risk; below, off track.
    public var atRiskProgress = 0.4

    public init() {}
}
