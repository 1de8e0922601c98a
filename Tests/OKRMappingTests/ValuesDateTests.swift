import OKRCore
@testable import OKRMapping
import SheetKit
import Testing

@Suite("ValueParser.date: deadlines as people type them")
struct ValuesDateTests {
    static let nl = ValueParser(decimalComma: true, language: "nl")

    @Test(arguments: [
        ("30-06-2026", "2026-06-30"), ("30/06/2026", "2026-06-30"), ("30.06.2026", "2026-06-30"),
        ("2026-06-30", "2026-06-30"), ("1-7-2026", "2026-07-01"), ("30/06/26", "2026-06-30"),
        ("2026/06/30", "2026-06-30"), ("06/30/2026", "2026-06-30"), ("2026-06-30 00:00:00", "2026-06-30"),
        ("2026-06-30T14:00:00", "2026-06-30"),
        ("30 juni 2026", "2026-06-30"), ("30 juin 2026", "2026-06-30"), ("30 June 2026", "2026-06-30"),
        ("June 30, 2026", "2026-06-30"), ("30 jun. 2026", "2026-06-30"), ("1er octobre 2026", "2026-10-01"),
        ("1 mrt 2027", "2027-03-01"), ("31 déc. 2026", "2026-12-31"), ("15 août 2026", "2026-08-15"),
        ("5 mei 2026", "2026-05-05"), ("2 mars 2026", "2026-03-02"), ("7 juil 2026", "2026-07-07"),
        ("12 okt 2026", "2026-10-12"), ("October 1st, 2026", "2026-10-01"),
        ("Q3 2026", "2026-09-30"), ("einde Q2 2026", "2026-06-30"), ("eind 2026", "2026-12-31"),
        ("fin 2026", "2026-12-31"), ("juni 2026", "2026-06-30"), ("2026-Q4", "2026-12-31"),
        ("vóór 30 juni 2026", "2026-06-30"), ("uiterlijk 1 juli 2026", "2026-07-01"), ("tegen 2027", "2027-12-31"),
        ("46203", "2026-06-30"),
    ])
    func readsFullDates(_ text: String, _ expected: String) {
        #expect(Self.nl.date(text, reference: nil) == ValuesFixture.day(expected))
        #expect(Self.nl.date(text, reference: ValuesFixture.q2of2026) == ValuesFixture.day(expected))
    }

    @Test(arguments: [
        ("1 oktober", "2026-10-01"), ("1 October", "2026-10-01"), ("1er octobre", "2026-10-01"),
        ("October 1", "2026-10-01"), ("30 augustus", "2026-08-30"),
        ("einde Q2", "2026-06-30"), ("eind Q3", "2026-09-30"), ("fin T3", "2026-09-30"), ("end of Q2", "2026-06-30"),
        ("Q3", "2026-09-30"), ("K4", "2026-12-31"), ("einde juni", "2026-06-30"), ("fin juin", "2026-06-30"),
        ("eind juni", "2026-06-30"), ("end of June", "2026-06-30"), ("fin du trimestre", "2026-06-30"),
        ("einde van het jaar", "2026-12-31"), ("fin de l'année", "2026-12-31"), ("d'ici fin juin", "2026-06-30"),
        ("vóór Q3", "2026-06-30"), ("vóór einde Q2", "2026-06-30"), ("tegen eind Q3", "2026-09-30"),
        ("H2", "2026-12-31"), ("juni", "2026-06-30"), ("eerste maand van Q2", "2026-04-30"),
        ("derde kwartaal", "2026-09-30"), ("3e trimestre", "2026-09-30"), ("31/12", "2026-12-31"),
        ("vóór 1/7", "2026-07-01"), ("1 januari volgend jaar", "2027-01-01"), ("30 september van dit jaar", "2026-09-30"),
    ])
    func takesTheYearFromTheReference(_ text: String, _ expected: String) {
        #expect(Self.nl.date(text, reference: ValuesFixture.q2of2026) == ValuesFixture.day(expected))
    }

    @Test(arguments: ["1 oktober", "einde Q2", "fin T3", "Q3", "einde juni", "juni"])
    func needsAYearOrAReference(_ text: String) {
        #expect(Self.nl.date(text, reference: nil) == nil)
    }

    @Test(arguments: [
        // With a fiscal year from July, named by the year it starts in.
        ("Q1", "2026-09-30"), ("Q3", "2027-03-31"), ("einde Q4", "2027-06-30"), ("30 juni", "2027-06-30"),
        ("1 oktober", "2026-10-01"), ("Q1 2026", "2026-09-30"),
    ])
    func countsFiscalQuarters(_ text: String, _ expected: String) {
        #expect(Self.nl.date(text, reference: ValuesFixture.fy2026July, fiscalYearStartMonth: 7) == ValuesFixture.day(expected))
    }

    @Test(arguments: [
        "", "Op schema", "2026", "31-02-2026", "32 juni 2026", "30 juni 2026 en later", "Q5 2026", "13/13/2026",
        "juni juni", "1.200", "25%", "vóór", "einde", "0", "-",
    ])
    func rejects(_ text: String) {
        #expect(Self.nl.date(text, reference: ValuesFixture.q2of2026) == nil)
    }

    @Test(arguments: [
        (46203.0, "2026-06-30" as String?), (45658, "2025-01-01"), (20000, "1954-10-03"), (80000, "2119-01-11"),
        (19999, nil), (80001, nil), (46203.5, nil), (.nan, nil), (.infinity, nil), (-46203, nil),
    ])
    func readsSerials(_ serial: Double, _ expected: String?) {
        #expect(Self.nl.date(serial: serial) == expected.map(ValuesFixture.day))
    }
}

@Suite("PeriodParser: reporting periods")
struct ValuesPeriodTests {
    @Test(arguments: [
        ("2026-Q2", "2026-04-01", "2026-06-30"), ("Q2 2026", "2026-04-01", "2026-06-30"),
        ("K2 2026", "2026-04-01", "2026-06-30"), ("T2 2026", "2026-04-01", "2026-06-30"),
        ("Q2-2026", "2026-04-01", "2026-06-30"), ("q1 2026", "2026-01-01", "2026-03-31"),
        ("Q4/2026", "2026-10-01", "2026-12-31"), ("Q2 26", "2026-04-01", "2026-06-30"),
        ("2e kwartaal 2026", "2026-04-01", "2026-06-30"), ("kwartaal 3 2026", "2026-07-01", "2026-09-30"),
        ("H1 2026", "2026-01-01", "2026-06-30"), ("S2 2026", "2026-07-01", "2026-12-31"),
        ("FY2026", "2026-01-01", "2026-12-31"), ("2026-05", "2026-05-01", "2026-05-31"),
        ("2026-02", "2026-02-01", "2026-02-28"), ("mei 2026", "2026-05-01", "2026-05-31"),
        ("2026", "2026-01-01", "2026-12-31"), ("2026-04-01..2026-06-30", "2026-04-01", "2026-06-30"),
        ("2026-04-15..2026-05-15", "2026-04-15", "2026-05-15"), (" Q2 2026 ", "2026-04-01", "2026-06-30"),
    ])
    func parses(_ text: String, _ start: String, _ end: String) throws {
        let p = try #require(PeriodParser.parse(text))
        #expect(p.start == ValuesFixture.day(start))
        #expect(p.end == ValuesFixture.day(end))
        #expect(p.label == text.trimmingCharacters(in: .whitespaces))
    }

    @Test(arguments: [
        ("Q1 2026", "2026-07-01", "2026-09-30"), ("Q3 2026", "2027-01-01", "2027-03-31"),
        ("2026-Q4", "2027-04-01", "2027-06-30"), ("H2 2026", "2027-01-01", "2027-06-30"),
        ("FY2026", "2026-07-01", "2027-06-30"), ("FY26", "2026-07-01", "2027-06-30"),
        ("2026", "2026-01-01", "2026-12-31"), ("2026-05", "2026-05-01", "2026-05-31"),
    ])
    func countsFiscalYearsFromTheirStart(_ text: String, _ start: String, _ end: String) throws {
        let p = try #require(PeriodParser.parse(text, fiscalYearStartMonth: 7))
        #expect(p.start == ValuesFixture.day(start))
        #expect(p.end == ValuesFixture.day(end))
    }

    @Test(arguments: [
        "", "Q2", "Q5 2026", "2026-13", "Marketing", "2026-06-30..2026-04-01", "Q2 2026 en Q3 2026", "26",
        "OKR Q2 2026",
    ])
    func rejects(_ text: String) {
        #expect(PeriodParser.parse(text) == nil)
    }

    @Test(arguments: [
        ("OKR-rapportage Q2 2026", "Q2 2026", "2026-04-01", "2026-06-30"),
        ("Objectifs T3 2026", "T3 2026", "2026-07-01", "2026-09-30"),
        ("OKR's 2026-Q1 (concept)", "2026-Q1", "2026-01-01", "2026-03-31"),
        ("Sleutelresultaten – K4 2026 – Marketing", "K4 2026", "2026-10-01", "2026-12-31"),
        ("OKR 2026 — Q2 2026", "Q2 2026", "2026-04-01", "2026-06-30"),
        ("Key results H2 2026", "H2 2026", "2026-07-01", "2026-12-31"),
        ("OKR-plan 2026", "2026", "2026-01-01", "2026-12-31"),
        ("Rapport mensuel juin 2026", "juin 2026", "2026-06-01", "2026-06-30"),
    ])
    func findsAPeriodInATitle(_ title: String, _ label: String, _ start: String, _ end: String) throws {
        let p = try #require(PeriodParser.find(in: title))
        #expect(p.label == label)
        #expect(p.start == ValuesFixture.day(start))
        #expect(p.end == ValuesFixture.day(end))
    }

    @Test(arguments: ["OKR-rapportage", "Objectifs T3", "Versie 3.2", "", "S2Score-audit"])
    func findsNothingWithoutAYear(_ title: String) {
        #expect(PeriodParser.find(in: title) == nil)
    }
}
