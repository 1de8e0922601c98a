import Foundation
import OKRCore
import SheetKit
import Testing

func day(_ text: String) -> CivilDate { CivilDate(iso: text)! }

func monthly(_ values: [Double?], from year: Int = 2026, month: Int = 1) -> [KPIValue] {
    var out: [KPIValue] = []
    var period = KPIPeriod.month(year: year, month: month)
    for value in values {
        if let value { out.append(KPIValue(period: period, value: value)) }
        period = period.next
    }
    return out
}

@Suite("KPI periods")
struct KPIPeriodTests {
    @Test(arguments: ["2026-05", "2026-W19", "2026-Q2", "2026", "2026-05-15", "2020-W53"])
    func canonicalTextRoundTrips(text: String) throws {
        let period = try #require(KPIPeriod(canonical: text))
        #expect(period.description == text)
    }

    @Test(arguments: ["2026-13", "2026-W54", "2025-W53", "2026-Q5", "26-05", "2026-5", "mei 2026", "2026-02-30", ""])
    func refusesWhatIsNotCanonical(text: String) {
        #expect(KPIPeriod(canonical: text) == nil)
    }

    @Test func isoWeeks() {
        // 2026 starts on a Thursday: its week 1 starts on Monday 29 December 2025.
        #expect(KPIPeriod.week(year: 2026, week: 1).start == day("2025-12-29"))
        #expect(KPIPeriod.week(year: 2026, week: 1).end == day("2026-01-04"))
        #expect(KPIPeriod.isoWeek(of: day("2026-05-15")) == (2026, 20))
        #expect(KPIPeriod.isoWeek(of: day("2027-01-01")) == (2026, 53))
        #expect(KPIPeriod.weeksIn(2026) == 53)
        #expect(KPIPeriod.weeksIn(2025) == 52)
        #expect(KPIPeriod.week(year: 2026, week: 1).previous == .week(year: 2025, week: 52))
    }

    @Test func spansAndNeighbours() {
        #expect(KPIPeriod.month(year: 2026, month: 2).end == day("2026-02-28"))
        #expect(KPIPeriod.quarter(year: 2026, quarter: 2).start == day("2026-04-01"))
        #expect(KPIPeriod.quarter(year: 2026, quarter: 2).end == day("2026-06-30"))
        #expect(KPIPeriod.month(year: 2026, month: 1).previous == .month(year: 2025, month: 12))
        #expect(KPIPeriod.quarter(year: 2026, quarter: 4).next == .quarter(year: 2027, quarter: 1))
        #expect(KPIPeriod.containing(day("2026-05-15"), kind: .quarter) == .quarter(year: 2026, quarter: 2))
        #expect(KPIPeriod.day(day("2026-03-01")).previous == .day(day("2026-02-28")))
        #expect(!(KPIPeriod.month(year: 2026, month: 5) < .quarter(year: 2026, quarter: 2)))
        #expect(KPIPeriod.month(year: 2026, month: 4) < .quarter(year: 2026, quarter: 2))
    }
}

@Suite("KPI derived fields")
struct KPIDerivedTests {
    func kpi(_ direction: KPIDirection, target: Double? = nil, green: Double? = nil, red: Double? = nil) -> KPI {
        var k = KPI(id: "K1", name: "test")
        k.direction = direction
        k.target = target
        if green != nil || red != nil { k.limits = KPILimits(green: green, red: red) }
        return k
    }

    /// ≥ 25 green, 20–25 amber, < 20 red; a value on a limit is in the better band.
    @Test(arguments: [(30.0, KPIStatus.green), (25, .green), (24.9, .amber), (20, .amber), (19.9, .red)])
    func higherIsBetter(value: Double, expected: KPIStatus) {
        let k = kpi(.higher, green: 25, red: 20)
        #expect(KPIDerived.status(of: value, direction: .higher, limits: KPIDerived.effectiveLimits(of: k)) == expected)
    }

    /// CPA: ≤ 25 green, 25–30 amber, > 30 red.
    @Test(arguments: [(22.0, KPIStatus.green), (25, .green), (25.1, .amber), (30, .amber), (30.1, .red)])
    func lowerIsBetter(value: Double, expected: KPIStatus) {
        let k = kpi(.lower, green: 25, red: 30)
        #expect(KPIDerived.status(of: value, direction: .lower, limits: KPIDerived.effectiveLimits(of: k)) == expected)
    }

    @Test func limitsFromTheTargetAlone() throws {
        let nps = try #require(KPIDerived.effectiveLimits(of: kpi(.higher, target: 30)))
        #expect(nps.green == 30 && nps.red == 27)
        let cpa = try #require(KPIDerived.effectiveLimits(of: kpi(.lower, target: 25)))
        #expect(cpa.green == 25 && cpa.red == 27.5)
        // A stated limit wins over the target; one limit alone makes two bands.
        let green = try #require(KPIDerived.effectiveLimits(of: kpi(.higher, target: 30, green: 28)))
        #expect(green.green == 28 && green.red == 28)
        let red = try #require(KPIDerived.effectiveLimits(of: kpi(.higher, red: 20)))
        #expect(red.green == 20 && red.red == 20)
        #expect(KPIDerived.effectiveLimits(of: kpi(.higher)) == nil)
    }

    @Test func latestChangeAndStatus() {
        var k = kpi(.higher, target: 220)
        k.frequency = .monthly
        k.values = monthly([150, 158, 165, 172, 180])
        KPIDerived.evaluate(&k, asOf: day("2026-06-10"))
        #expect(k.latest == 180)
        #expect(k.latestPeriod == .month(year: 2026, month: 5))
        #expect(k.change == 8)
        #expect(k.changeRelative == 8.0 / 172)
        #expect(k.status == .red)
        #expect(k.stale == false)
    }

    @Test func aGapIsNoChange() {
        var k = kpi(.higher, target: 30)
        k.values = monthly([20, 21, nil, 24])
        KPIDerived.evaluate(&k, asOf: day("2026-05-02"))
        #expect(k.latest == 24)
        #expect(k.change == nil)
        #expect(k.changeRelative == nil)
    }

    @Test func valuesAfterTheAsOfDateDoNotCountYet() {
        var k = kpi(.lower, target: 25)
        k.frequency = .monthly
        k.values = monthly([31, 29, 28, 27, 26, 26, 25, 24, 24, 23, 23, 22])
        KPIDerived.evaluate(&k, asOf: day("2026-05-15"))
        #expect(k.latest == 26 && k.latestPeriod?.description == "2026-05")
        #expect(k.change == -1)
        #expect(k.status == .amber)
        #expect(k.values.count == 12, "the later values stay in the series")
        KPIDerived.evaluate(&k, asOf: nil)
        #expect(k.latest == 22 && k.status == .green && k.stale == nil)
    }

    @Test func staleWhenTheLastFullPeriodHasNoValue() {
        var k = kpi(.higher, target: 30)
        k.frequency = .monthly
        k.values = monthly([20, 21, 22])
        // At 15 May the last full month is April: the latest value is for March.
        KPIDerived.evaluate(&k, asOf: day("2026-05-15"))
        #expect(k.stale == true)
        // At 30 April the last full month is March.
        KPIDerived.evaluate(&k, asOf: day("2026-04-30"))
        #expect(k.stale == false)
        // A value for the running month counts as up to date.
        k.values = monthly([20, 21, 22, nil, 25])
        KPIDerived.evaluate(&k, asOf: day("2026-05-15"))
        #expect(k.stale == false)
        // No values at all.
        k.values = []
        KPIDerived.evaluate(&k, asOf: day("2026-05-15"))
        #expect(k.stale == true && k.status == .noData && k.latest == nil)
    }

    @Test func aQuarterlyKPIInMonthColumns() {
        var k = kpi(.higher, green: 0.88, red: 0.84)
        k.frequency = .quarterly
        k.values = monthly([nil, nil, 0.81, nil, nil, 0.84])
        KPIDerived.evaluate(&k, asOf: day("2026-08-20"))
        #expect(k.latest == 0.84)
        #expect(k.change == 0.84 - 0.81, "the quarter before, not the month before")
        #expect(k.status == .amber)
        #expect(k.stale == false, "the last full quarter, Q2, has its value")
        KPIDerived.evaluate(&k, asOf: day("2026-10-05"))
        #expect(k.stale == true, "Q3 is over and has none")
    }

    @Test func staleNeedsARhythmAndADate() {
        var k = kpi(.higher, target: 1)
        k.values = [KPIValue(period: .month(year: 2026, month: 1), value: 1), KPIValue(period: .quarter(year: 2026, quarter: 1), value: 1)]
        KPIDerived.evaluate(&k, asOf: day("2026-05-15"))
        #expect(k.stale == nil, "mixed periods and no frequency: no rhythm")
        k.values = [KPIValue(period: .week(year: 2026, week: 18), value: 1)]
        KPIDerived.evaluate(&k, asOf: day("2026-05-15"))
        #expect(k.stale == true, "weekly by its values: week 19 is the last full week")
    }

    @Test func theModelEvaluatesItsKPIs() {
        var model = OKRModel()
        model.asOf = day("2026-05-15")
        var k = kpi(.higher, target: 30)
        k.values = monthly([20, 30, 31, 32])
        model.kpis = [k]
        DerivedFields.evaluate(&model)
        #expect(model.kpis[0].status == .green)
        #expect(model.kpis[0].latest == 32)
    }
}

@Suite("The KPI model's JSON")
struct KPICodingTests {
    func example() -> OKRModel {
        var model = OKRModel()
        model.language = "nl"
        model.asOf = day("2026-05-15")
        var k = KPI(id: "K1", name: "NPS-score")
        k.owner = "Head of support"
        k.start = 20
        k.target = 30
        k.limits = KPILimits(green: 28, red: 25)
        k.frequency = .monthly
        k.frequencyLabel = "Maandelijks"
        k.level = .company
        k.levelLabel = "Bedrijf"
        k.links = ["O1.1"]
        k.values = monthly([20, 21, 22, 24]) + [KPIValue(period: .week(year: 2026, week: 19), value: 24),
                                                KPIValue(period: .quarter(year: 2026, quarter: 1), value: 21)]
        k.source = OKRSource(file: "okr.xlsx", sheet: "KPI", row: 5, cell: "B5")
        model.kpis = [k]
        DerivedFields.evaluate(&model)
        return model
    }

    @Test func roundTrips() throws {
        let model = example()
        let decoded = try JSONDecoder().decode(OKRModel.self, from: JSONEncoder().encode(model))
        #expect(decoded == model)
    }

    @Test func writesEveryFieldWithCanonicalPeriods() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(example()), as: UTF8.self)
        #expect(json.contains(#""kpis":[{"change":"#))
        #expect(json.contains(#""limits":{"green":28,"red":25}"#))
        #expect(json.contains(#"{"period":"2026-W19","value":24}"#))
        #expect(json.contains(#"{"period":"2026-Q1","value":21}"#))
        #expect(json.contains(#""latestPeriod":"2026-W19""#))
        #expect(json.contains(#""targetText":null"#))
        #expect(json.contains(#""direction":"higher""#))
        #expect(json.contains(#""stale":false"#))
        #expect(json.contains(#""status":"red""#))
    }

    @Test func aModelWithoutKPIsHasNoKPIsKey() throws {
        var model = example()
        model.kpis = []
        let json = String(decoding: try JSONEncoder().encode(model), as: UTF8.self)
        #expect(!json.contains("kpis"))
        let decoded = try JSONDecoder().decode(OKRModel.self, from: Data(#"{"language":"en","objectives":[],"findings":[]}"#.utf8))
        #expect(decoded.kpis.isEmpty)
    }

    @Test func refusesABadPeriod() {
        let json = Data(#"{"kpis":[{"id":"K1","name":"x","values":[{"period":"mei 2026","value":1}]}]}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(OKRModel.self, from: json) }
    }
}
