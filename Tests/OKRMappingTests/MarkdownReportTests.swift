import OKRCore
import OKRMapping
import SheetKit
import Testing

@Suite("The Markdown report")
struct MarkdownReportTests {
    @Test func showsTheBoardContentWithMarks() throws {
        let model = try convert(sample("okr-sjabloon.xlsx")).model
        let text = MarkdownReport(language: "nl").render(model)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "# OKR-rapport Q2 2026 (stand op 15-05-2026)")
        #expect(lines.contains("| Bedrijf | **Verhoog verkoop** | Commercieel directeur |  |  |  | 43% | 0,4 | 🔵 Op schema |  |"))
        #expect(lines.contains("|  | ↳ Conversieratio 25% | Commercieel directeur | 18% | 21% | 25% | 43% | 0,4 | 🔵 Op schema | 30-06-2026 |"))
        #expect(lines.contains("|  | ↳ Score ≥ 8 | HR-manager | 7,2 | 7,6 | ≥ 8 | 50% | 0,5 | 🟡 Aandacht nodig | 31-05-2026 |"))
        #expect(lines.contains("| **Totaal** | **3** |"))
        // Text that a spreadsheet would run as a formula is neutralised by default.
        #expect(lines.contains { $0.contains("↳ '+1.200 leads") })
        var raw = MarkdownReport(language: "nl")
        raw.neutralizeFormulas = false
        #expect(raw.render(model).contains("↳ +1.200 leads"))
    }

    @Test(arguments: [("en", "# OKR report Q2 2026 (as of 2026-05-15)", "🔵 On track"),
                      ("fr", "# Rapport OKR Q2 2026 (au 15-05-2026)", "🔵 En bonne voie")])
    func labelsFollowTheLanguage(language: String, title: String, status: String) throws {
        let text = MarkdownReport(language: language).render(try convert(sample("okr-sjabloon.xlsx")).model)
        #expect(text.hasPrefix(title + "\n"))
        #expect(text.contains(status))
    }

    @Test func pipesAndLineBreaksStayInTheirCell() {
        var model = OKRModel()
        var o = Objective(id: "O1", title: "A | B\nC")
        o.keyResults = [KeyResult(id: "O1.1", title: "x")]
        model.objectives = [o]
        #expect(MarkdownReport(language: "en").render(model).contains("**A \\| B<br>C**"))
    }

    @Test(arguments: [
        ("nl", 1234.5, "percent", "123.450%"), ("nl", 250_000, "currency:EUR", "€ 250.000"), ("en", 250_000, "currency:EUR", "€250,000"),
        ("fr", 1_800_000, "currency:EUR", "1\u{202F}800\u{202F}000 €"), ("nl", 7.2, nil, "7,2"), ("en", 0.21, "percent", "21%"),
    ])
    func displayValues(language: String, value: Double, unit: String?, text: String) {
        #expect(DisplayFormatter(language: language).value(value, unit: unit) == text)
    }
}
