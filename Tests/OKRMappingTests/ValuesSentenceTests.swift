import OKRCore
@testable import OKRMapping
import SheetKit
import Testing

/// One row of the key-result sentence table: what the sentence states.
struct SentenceCase: Sendable, CustomTestStringConvertible {
    var sentence: String
    var language = "nl"
    var start: Double?
    var target: Double?
    var unit: String?
    var comparator: Comparator?
    var change: Double?
    var deadline: String?
    var milestone = false

    init(_ sentence: String, in language: String = "nl", start: Double? = nil, target: Double? = nil,
         unit: String? = nil, comparator: Comparator? = nil, change: Double? = nil, deadline: String? = nil,
         milestone: Bool = false) {
        self.sentence = sentence
        self.language = language
        self.start = start
        self.target = target
        self.unit = unit
        self.comparator = comparator
        self.change = change
        self.deadline = deadline
        self.milestone = milestone
    }

    var testDescription: String { sentence }

    var parser: ValueParser { ValueParser(decimalComma: language != "en", language: language) }
}

/// Checks every field of the facts read from `c.sentence` against the row.
private func expectFacts(_ c: SentenceCase, reference: Period? = ValuesFixture.q2of2026, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let f = KeyResultSentence.parse(c.sentence, parser: c.parser, reference: reference)
    ValuesFixture.expectClose(f.start, c.start, "start", sourceLocation: sourceLocation)
    ValuesFixture.expectClose(f.target, c.target, "target", sourceLocation: sourceLocation)
    ValuesFixture.expectClose(f.changePercent, c.change, "changePercent", sourceLocation: sourceLocation)
    #expect(f.unit == c.unit, "unit", sourceLocation: sourceLocation)
    #expect(f.comparator == c.comparator, "comparator", sourceLocation: sourceLocation)
    #expect(f.deadline == c.deadline.map(ValuesFixture.day), "deadline", sourceLocation: sourceLocation)
    #expect(f.milestone == c.milestone, "milestone", sourceLocation: sourceLocation)
}

@Suite("KeyResultSentence: facts from a key result's own words")
struct ValuesSentenceTests {
    /// Seed 001 (OKR framework examples), sections 2–5: every key result that states a number or a date,
    /// plus the objectives that do. The reference period is Q2 2026.
    static let seed001: [SentenceCase] = [
        // Section 2.
        .init("Implementeer het nieuwe klantportaal vóór 30 juni.", deadline: "2026-06-30", milestone: true),
        .init("Marktleider worden in digitale dienstverlening in België tegen 2027.", deadline: "2027-12-31"),
        // Section 3.
        .init("Stylisten publiceren wekelijks inspiratieposts in Q2.", deadline: "2026-06-30"),
        .init("Minstens 50 inactieve klanten opnieuw contacteren met gepersonaliseerde voorstellen.",
              target: 50, unit: "klanten", comparator: .atLeast),
        .init("1.000 nieuwe registraties voor vroegtijdige toegang vóór einde Q2.", target: 1000, unit: "registraties",
              deadline: "2026-06-30"),
        .init("Conversieratio van 25% op alle leads.", target: 0.25, unit: "percent"),
        .init("Verkoopcyclus verkorten met 20%.", change: -0.2),
        .init("Vijf nieuwe verkooppunten openen binnen het jaar.", target: 5, unit: "verkooppunten"),
        .init("Nieuwe klanten kopen ons product in een 3:1-verhouding tegenover de concurrentie.", target: 3, unit: "ratio"),
        .init("Gemiddelde orderwaarde van € 250.000.", target: 250_000, unit: "currency:EUR"),
        .init("Totale omzet van € 2 miljoen uit de nieuwe productlijn.", target: 2_000_000, unit: "currency:EUR"),
        // Section 4.
        .init("Verminder systeemstoringen met 30% in Q2.", change: -0.3, deadline: "2026-06-30"),
        .init("Leid de helft van het team op in cloud-back-up.", target: 0.5, unit: "percent"),
        .init("Verlaag operationele kosten met 20%.", change: -0.2),
        .init("Bespaar 50% op vergaderkosten door interne productie van documentatie.", change: -0.5),
        .init("Finaliseer budgetten vóór 30 augustus.", deadline: "2026-08-30", milestone: true),
        .init("Voer audit uit op 70% van de geïdentificeerde risico’s.", target: 0.7, unit: "percent"),
        .init("Lever intern auditrapport af binnen 30 dagen na afronding.", target: 30, unit: "days", comparator: .atMost),
        .init("Aantal interne teambuildings en events verdubbelen.", change: 1),
        .init("Verhoog “usability score” van 7 → 8,5.", start: 7, target: 8.5),
        .init("Verminder helpdesk-aanvragen met 20%.", change: -0.2),
        .init("Uitvoering van eerste gebruikerstest in de eerste maand van Q2.", deadline: "2026-04-30", milestone: true),
        .init("Verdubbel maandelijkse inschrijvingen.", change: 1),
        .init("Drie online campagnes genereren 1.200 nieuwe leads.", target: 1200, unit: "leads"),
        .init("SEO-optimalisatie zorgt voor 800 bijkomende inschrijvingen.", target: 800, unit: "inschrijvingen"),
        .init("Twee extra “call-to-actions” op de landingspagina.", target: 2, unit: "call-to-actions"),
        .init("Inschrijvingen op nieuwsbrieven verhogen met 20%.", change: 0.2),
        .init("Downloads van e-books via e-mails verhogen met 25%.", change: 0.25),
        .init("Uitschrijvingsgraad verlagen tot minder dan 6%.", target: 0.06, unit: "percent", comparator: .below),
        .init("Bereik kwartaalomzet van € 1 miljoen.", target: 1_000_000, unit: "currency:EUR"),
        .init("Eerste maand: € 300.000 omzet uit nieuw product.", target: 300_000, unit: "currency:EUR"),
        .init("Verkoopcyclus verkorten van 2 maanden naar 21 dagen.", start: 60, target: 21, unit: "days"),
        .init("Upsell realiseren bij 40% van bestaande klanten.", target: 0.4, unit: "percent"),
        .init("10 nieuwe wederverkopers aantrekken in Vlaanderen en Wallonië.", target: 10, unit: "wederverkopers"),
        .init("95% van huidige partners behouden.", target: 0.95, unit: "percent", comparator: .atLeast),
        .init("Aantal bugs per nieuwe feature verlagen van 2 naar 1,5.", start: 2, target: 1.5),
        .init("“Lead time” verkorten met 20%.", change: -0.2),
        .init("Sprint-snelheid verhogen met 2%.", change: 0.02),
        .init("S2Score-audit afronden tegen eind Q3.", deadline: "2026-09-30", milestone: true),
        .init("Tweeledige authenticatie (2FA) implementeren voor alle gebruikers.", milestone: true),
        .init("Onboardingproces verkorten naar 3 dagen.", target: 3, unit: "days"),
        .init("Klantverloop (churn) verminderen met 10% per maand.", change: -0.1),
        .init("Zelfhulpportaal reduceert tickets met 10%.", change: -0.1),
        .init("Reactietijd op tekstberichten < 1 uur.", target: 1, unit: "hours", comparator: .below),
        .init("Jaaromzet verhogen naar € 3 miljoen.", target: 3_000_000, unit: "currency:EUR"),
        .init("+20% meer nieuwe leads genereren.", change: 0.2),
        .init("12 referentie-cases publiceren vóór einde Q1.", target: 12, unit: "referentie-cases", deadline: "2026-03-31"),
        .init("91 socialemediaposts in Q2.", target: 91, unit: "socialemediaposts", deadline: "2026-06-30"),
        .init("Minstens 5.000 websitebezoeken/maand bereiken.", target: 5000, unit: "websitebezoeken", comparator: .atLeast),
        // Section 5: the reporting template's key results.
        .init("Conversieratio 25%", target: 0.25, unit: "percent"),
        .init("+1.200 leads", target: 1200, unit: "leads"),
        .init("Score ≥ 8", target: 8, comparator: .atLeast),
    ]

    /// Seeds 003 and 004 (KPI guides): the SMART sentences that state numbers. Reference: Q2 2026.
    static let smart: [SentenceCase] = [
        .init("NPS-score verhogen van 20 naar 30 binnen 12 maanden", start: 20, target: 30),
        .init("Aantal gekwalificeerde leads verhogen van 150 naar 220 per maand vóór 1 oktober", start: 150, target: 220,
              deadline: "2026-10-01"),
        .init("Websiteverkeer verhogen van 10.000 naar 12.000 bezoekers per maand voor 30 september van dit jaar.",
              start: 10_000, target: 12_000, unit: "bezoekers", deadline: "2026-09-30"),
        .init("Conversiepercentage verbeteren van 2% naar 3% binnen zes maanden", start: 0.02, target: 0.03, unit: "percent"),
        .init("Social-media-engagement verhogen met 25% in het komende kwartaal", change: 0.25),
        .init("Het aantal gekwalificeerde leads verhogen van 200 naar 300 gekwalificeerde leads per maand vóór 1 december",
              start: 200, target: 300, unit: "leads", deadline: "2026-12-01"),
        .init("Klanttevredenheid (NPS) verhogen van 25 naar 40 binnen 12 maanden.", start: 25, target: 40),
        .init("De gemiddelde doorlooptijd van offertes verkorten van 10 naar 6 dagen vóór 1 juli.", start: 10, target: 6,
              unit: "days", deadline: "2026-07-01"),
        .init("Het retentiepercentage verhogen van 80% naar 90% binnen 6 maanden", start: 0.8, target: 0.9, unit: "percent"),
        .init("Het urenproductiviteit verhogen van 68% naar 78% in het komende kwartaal", start: 0.68, target: 0.78,
              unit: "percent"),
        .init("De gemiddelde onderwaarde verhogen van € 45 naar € 55 binnen 3 maanden.", start: 45, target: 55,
              unit: "currency:EUR"),
        .init("Het retourpercentage verlagen van 12% naar 10,2% (-15%) binnen een half jaar", start: 0.12, target: 0.102,
              unit: "percent"),
        .init("De winkel- of websiteconversie verhogen van 20% naar 25% binnen vier maanden", start: 0.2, target: 0.25,
              unit: "percent"),
        .init("Voorraadtekorten verminderen met 30% in de periode van 1 mei tot 1 november, vergeleken met huidige cijfers",
              change: -0.3, deadline: "2026-11-01"),
        .init("De gemiddelde wachttijd verlagen van 14 naar 10 dagen binnen vier maanden.", start: 14, target: 10, unit: "days"),
        .init("De patiënttevredenheid verhogen van 8,0 naar 8,5 vóór 31 december", start: 8, target: 8.5,
              deadline: "2026-12-31"),
        .init("Het percentage no-shows verminderen met 20% binnen zes maanden (t.o.v. huidige no-showcijfers)", change: -0.2),
        .init("De gemiddelde behandelduur verkorten met 10% voor Q3, zonder kwaliteitsverlies", change: -0.1,
              deadline: "2026-06-30"),
        .init("Het aantal productiefouten verminderen met 10% binnen 12 maanden.", change: -0.1),
        .init("Machinestilstand terugbrengen van 12 naar 8 uur per maand binnen 6 maanden", start: 12, target: 8, unit: "hours"),
        .init("De productietijd per order met 15% verkorten in het volgende kwartaal", change: -0.15),
        .init("Het energieverbruik per product verlagen met 5% vóór 1 januari volgend jaar", change: -0.05,
              deadline: "2027-01-01"),
        .init("Het uitvalpercentage verlagen van 14% naar 10% binnen één schooljaar.", start: 0.14, target: 0.1, unit: "percent"),
        .init("Het slagingspercentage verhogen naar minimaal 85% voor het einde van het huidige schooljaar", target: 0.85,
              unit: "percent", comparator: .atLeast),
        .init("De tevredenheidsscore van studenten verhogen van 7,5 naar 8,2 binnen 12 maanden", start: 7.5, target: 8.2),
        .init("Het aantal aanmeldingen voor open dagen met 20% verhogen voor 1 oktober t.o.v de cijfers van vorig jaar.",
              change: 0.2, deadline: "2026-10-01"),
        .init("We stellen als doel dat de CPA maximaal €25 mag zijn.", target: 25, unit: "currency:EUR", comparator: .atMost),
        .init("We willen het organische websiteverkeer met 20% verhogen.", change: 0.2),
        .init("Het organische websiteverkeer met 20% verhogen in Q3, gemeten in Google Analytics.", change: 0.2,
              deadline: "2026-09-30"),
        .init("Ons marktaandeel vergroten van 15% naar 25%", start: 0.15, target: 0.25, unit: "percent"),
    ]

    /// DESIGN.md's examples and sentences in English and French.
    static let languages: [SentenceCase] = [
        .init("from 150 to 220 per month before 1 October", in: "en", start: 150, target: 220, deadline: "2026-10-01"),
        .init("de 80 % à 90 % d'ici fin juin", in: "fr", start: 0.8, target: 0.9, unit: "percent", deadline: "2026-06-30"),
        .init("Verhoog de omzet met 20%", change: 0.2),
        .init("Increase NPS from 30 to 45 by end of Q3", in: "en", start: 30, target: 45, deadline: "2026-09-30"),
        .init("Reduce churn by 15%", in: "en", change: -0.15),
        .init("Grow revenue by 1,500 EUR", in: "en"),
        .init("Double monthly sign-ups", in: "en", change: 1),
        .init("At least 3 new partners signed before June 30", in: "en", target: 3, unit: "partners", comparator: .atLeast,
              deadline: "2026-06-30"),
        .init("Response time under 2 hours", in: "en", target: 2, unit: "hours", comparator: .below),
        .init("Launch the new pricing page by May 15", in: "en", deadline: "2026-05-15", milestone: true),
        .init("Augmenter le chiffre d'affaires de 10 % d'ici fin T3", in: "fr", change: 0.1, deadline: "2026-09-30"),
        .init("Réduire le délai de livraison de 5 à 3 jours", in: "fr", start: 5, target: 3, unit: "days"),
        .init("Atteindre trois nouveaux marchés", in: "fr", target: 3, unit: "marches"),
        .init("Livrer le nouveau portail avant le 30 juin", in: "fr", deadline: "2026-06-30", milestone: true),
        .init("Maintenir un taux de satisfaction d'au moins 90 %", in: "fr", target: 0.9, unit: "percent", comparator: .atLeast),
        .init("Chiffre d'affaires de 2 millions € au 2e trimestre", in: "fr", target: 2_000_000, unit: "currency:EUR",
              deadline: "2026-06-30"),
        .init("Halveren van de doorlooptijd", change: -0.5),
        .init("Doorlooptijd van 4 weken naar 10 dagen", start: 28, target: 10, unit: "days"),
        .init("Klanttevredenheid van 7 -> 8", start: 7, target: 8),
        .init("Reactie binnen 24 uur", target: 24, unit: "hours", comparator: .atMost),
        .init("NPS ≥ 40 tegen eind 2026", target: 40, comparator: .atLeast, deadline: "2026-12-31"),
        .init("Omzet € 1,5 mio vóór 30-09-2026", target: 1_500_000, unit: "currency:EUR", deadline: "2026-09-30"),
        .init("Verhoog de omzet met 20% tot € 1,2 miljoen", target: 1_200_000, unit: "currency:EUR"),
        .init("ISO 27001-certificering behalen vóór einde Q4", deadline: "2026-12-31"),
        .init("Verhoog NPS naar 8 in 2026", target: 8, deadline: "2026-12-31"),
        .init("Omzet Q2: € 300.000", target: 300_000, unit: "currency:EUR", deadline: "2026-06-30"),
        .init("Klanttevredenheid ≥ 8 (was 7,2)", target: 8, comparator: .atLeast),
        .init("Doorlooptijd verkorten van 3 weken naar 10 werkdagen vóór 31/12", start: 21, target: 10, unit: "days",
              deadline: "2026-12-31"),
        .init("Behoud 90% van de klanten", target: 0.9, unit: "percent", comparator: .atLeast),
        .init("Keep uptime above 99.9%", in: "en", target: 0.999, unit: "percent", comparator: .above),
        .init("Ship v2.0 of the mobile app", in: "en", milestone: true),
        .init("Increase ARR from $1.2M to $2M by Q4 2026", in: "en", start: 1_200_000, target: 2_000_000,
              unit: "currency:USD", deadline: "2026-12-31"),
        .init("Cut support backlog to under 50 tickets", in: "en", target: 50, unit: "tickets", comparator: .below),
        .init("Hire 5 engineers by the end of June", in: "en", target: 5, unit: "engineers", deadline: "2026-06-30"),
        .init("Réduire le taux d'attrition de 8 % à 5 % d'ici le 31 décembre", in: "fr", start: 0.08, target: 0.05,
              unit: "percent", deadline: "2026-12-31"),
        .init("Signer 10 nouveaux clients avant fin T2", in: "fr", target: 10, unit: "clients", deadline: "2026-06-30"),
        .init("Atteindre un chiffre d'affaires de 1,2 M€", in: "fr", target: 1_200_000, unit: "currency:EUR"),
        .init("Diminuer les coûts de 10 %", in: "fr", change: -0.1),
        .init("Au moins 4 webinaires par trimestre", in: "fr", target: 4, unit: "webinaires", comparator: .atLeast),
    ]

    /// No number and no date: nothing is inferred; a milestone only with a completion verb.
    static let wordsOnly: [SentenceCase] = [
        .init("Schrap externe koffiediensten en vervang door intern beheer."),
        .init("Heronderhandel schoonmaakcontracten (van maandelijks naar driemaandelijks)."),
        .init("Wekelijkse personeelsenquêtes organiseren."),
        .init("Benchmark salarissen en extralegale voordelen met Belgische markt."),
        .init("Ontwikkel opleidings- en certificatieprogramma’s voor medewerkers."),
        .init("Verbeter de klanttevredenheid door snellere responstijden en betere opvolging."),
        .init("Stylisten publiceren wekelijks inspiratieposts."),
        .init("Feedbackgesprekken voor Jan en Piet plannen."),
        .init(""),
        .init("Lever wireframes en definitieve kleurkeuzes op.", milestone: true),
        .init("Alle leidinggevenden voeren tweerichtingsfeedback in.", milestone: true),
        .init("Nieuwe website lanceren", milestone: true),
        .init("Rond de migratie naar de cloud af", milestone: true),
        .init("Launch the partner portal", in: "en", milestone: true),
        .init("Deliver the onboarding playbook", in: "en", milestone: true),
        .init("Livrer la nouvelle application", in: "fr", milestone: true),
        .init("Mise en production du CRM finaliser", in: "fr", milestone: true),
    ]

    @Test(arguments: seed001)
    func readsTheSeedExamples(_ c: SentenceCase) { expectFacts(c) }

    @Test(arguments: smart)
    func readsSMARTSentences(_ c: SentenceCase) { expectFacts(c) }

    @Test(arguments: languages)
    func readsDutchFrenchAndEnglish(_ c: SentenceCase) { expectFacts(c) }

    @Test(arguments: wordsOnly)
    func infersNothingFromWordsAlone(_ c: SentenceCase) { expectFacts(c) }

    @Test func listsWhatItInferred() {
        let nl = ValueParser(decimalComma: true, language: "nl")
        let a = KeyResultSentence.parse("De gemiddelde doorlooptijd van offertes verkorten van 10 naar 6 dagen vóór 1 juli.",
                                        parser: nl, reference: ValuesFixture.q2of2026)
        #expect(a.inferred == ["start", "target", "unit", "deadline"])
        let b = KeyResultSentence.parse("Verminder helpdesk-aanvragen met 20%", parser: nl, reference: ValuesFixture.q2of2026)
        #expect(b.inferred == ["changePercent"])
        let c = KeyResultSentence.parse("Reactietijd < 1 uur", parser: nl, reference: nil)
        #expect(c.inferred == ["target", "comparator", "unit"])
        #expect(KeyResultSentence.parse("Verbeter de IT", parser: nl, reference: nil).inferred.isEmpty)
    }

    @Test func leavesTheYearOpenWithoutAReference() {
        let nl = ValueParser(decimalComma: true, language: "nl")
        let f = KeyResultSentence.parse("van 10 naar 6 dagen vóór 1 juli", parser: nl, reference: nil)
        #expect(f.start == 10 && f.target == 6 && f.deadline == nil)
        let g = KeyResultSentence.parse("Finaliseer budgetten vóór 30-08-2026", parser: nl, reference: nil)
        #expect(g.deadline == ValuesFixture.day("2026-08-30") && g.milestone)
    }

    @Test func countsFiscalQuarters() {
        let nl = ValueParser(decimalComma: true, language: "nl", fiscalYearStartMonth: 7)
        let f = KeyResultSentence.parse("91 posts in Q3", parser: nl, reference: ValuesFixture.fy2026July)
        #expect(f.deadline == ValuesFixture.day("2027-03-31"))
    }

    @Test func readsAmbiguousThousandsTheLanguagesWay() {
        let unknownNL = ValueParser(decimalComma: nil, language: "nl")
        let a = KeyResultSentence.parse("1.000 nieuwe registraties", parser: unknownNL, reference: nil)
        #expect(a.target == 1000 && a.ambiguous)
        let unknownEN = ValueParser(decimalComma: nil, language: "en")
        let b = KeyResultSentence.parse("Reach 1,000 sign-ups", parser: unknownEN, reference: nil)
        #expect(b.target == 1000 && b.ambiguous)
        let c = KeyResultSentence.parse("van 7,2 naar 8,5", parser: unknownEN, reference: nil)
        #expect(c.start == 7.2 && c.target == 8.5 && !c.ambiguous)
        let nl = ValueParser(decimalComma: true, language: "nl")
        #expect(!KeyResultSentence.parse("1.000 nieuwe registraties", parser: nl, reference: nil).ambiguous)
    }
}
