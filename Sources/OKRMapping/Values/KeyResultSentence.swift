import OKRCore
import SheetKit

/// Infers a key result's start, target, unit, comparator, change and deadline from its own words, for
/// templates that have no columns for them (DESIGN.md, "Values as people type them").
///
/// The reading, in order:
/// 1. **Deadlines**: full dates, `1 oktober` (year from the reference period), `einde Q2`, `fin juin`,
///    `in Q2`, `tegen eind Q3`, `in de eerste maand van Q2`, `vóór 1 januari volgend jaar`. A period after
///    `vóór`/`before`/`avant` means the day before it starts (`voor Q3` → 30 June); a date after
///    `van`/`from`/`du` opens a span and is no deadline. The latest deadline wins.
/// 2. **Start and target**: two quantities joined by `naar`, `tot`, `to`, `à`, `→`, `->`
///    (`van 7 → 8,5`, `from 150 to 220`, `de 80 % à 90 %`). A percentage on one side makes the other one
///    a percentage too; durations in different units are brought to the target's unit, a month counting
///    30 days (`van 2 maanden naar 21 dagen` → 60 → 21 days).
/// 3. **Pointed target**: a quantity after `naar`/`tot`/`to` or with a comparator is the target, even
///    beside a change (`met 20% tot € 1,2 miljoen` → 1.2 M).
/// 4. **Change**: a percentage after `met`/`by` (or French `de` in a sentence with `augmenter`,
///    `réduire`…), with a sign, before `meer`/`minder`/`more`/`less`, or after `bespaar`/`save` →
///    `changePercent`, negative with a decrease verb (``DerivedFields/decreaseVerbs`` and a few more).
///    `verdubbelen`/`doubler`/`double` → 1.0, `halveren` → −0.5. A change is only kept without a target.
/// 5. **Other single target**: the first quantity, numbers in digits before numbers in words (`Vijf`,
///    `trois`) and `de helft` (0.5); `binnen 30 dagen`-like spans count only when nothing else does, as a
///    `<=` bound. A "keep" verb (`behouden`, `maintain`, `maintenir`) makes a single target a `>=`.
/// 6. **Milestone**: no start, target or change, and a completion verb.
public enum KeyResultSentence {
    /// The facts that `sentence` states.
    ///
    /// - Parameters:
    ///   - parser: the decimal convention and fiscal year start to read with.
    ///   - reference: the reporting period, which gives the year of `1 oktober` or `einde Q2`.
    public static func parse(_ sentence: String, parser: ValueParser, reference: Period?) -> SentenceFacts {
        let t = ValueLexer.tokens(sentence)
        guard !t.isEmpty else { return SentenceFacts() }
        var words = Set<String>()
        for case .word(let w) in t.map(\.kind) {
            words.insert(w)
            if w.contains("-") { words.formUnion(w.split(separator: "-").map(String.init)) }  // `helpdesk-aanvragen`
        }
        var used = [Bool](repeating: false, count: t.count)
        let deadlines = findDeadlines(t, used: &used, reference: reference,
                                      calendar: FiscalCalendar(startMonth: parser.fiscalYearStartMonth))
        let (found, spans) = findQuantities(t, used: used, parser: parser)
        let keep = !words.isDisjoint(with: ValueWords.keepWords)

        var facts = SentenceFacts()
        takeStartAndTarget(t, found, into: &facts)
        // A target that a comparator or `naar`/`tot`/`to` points at wins over a change.
        let candidates = found.filter { !$0.changeMarked && !$0.quantity.isChange }
        if facts.target == nil, let q = candidates.first(where: { q in
            q.quantity.comparator != nil
                || (q.range.lowerBound > 0 && t[q.range.lowerBound - 1].word.map { ValueWords.toWords.contains($0) } == true)
        }) {
            take(q, into: &facts, keep: keep)
        }
        if facts.target == nil { takeChange(t, found, words: words, into: &facts) }
        if facts.target == nil, facts.changePercent == nil {
            if let q = candidates.first {
                take(q, into: &facts, keep: keep)
            } else if found.isEmpty, let q = spans.first {
                take(q, into: &facts, keep: false)
                if facts.comparator == nil { facts.comparator = .atMost }
            }
        }
        facts.deadline = deadlines.max()
        if facts.start == nil, facts.target == nil, facts.changePercent == nil {
            facts.milestone = hasCompletionVerb(t)
        }
        facts.inferred = facts.names
        return facts
    }

    // MARK: Steps

    /// The deadlines the sentence names; marks their tokens as used.
    private static func findDeadlines(_ t: [ValueToken], used: inout [Bool], reference: Period?,
                                      calendar: FiscalCalendar) -> [CivilDate] {
        var deadlines: [CivilDate] = []
        var i = 0
        while i < t.count {
            guard let m = DateGrammar.match(t, at: i) else {
                i += 1
                continue
            }
            let prep = governingWord(t, before: i)
            var accepted = m.strong
            if !accepted, let prep {
                if case .period(.year) = m.expression {
                    accepted = yearPrepositions.contains(prep)
                } else {
                    accepted = ValueWords.deadlinePrepositions.contains(prep) && prep != "to"
                }
            }
            guard accepted else {
                i += 1
                continue
            }
            for k in m.range { used[k] = true }
            let opensSpan = prep.map { spanOpeners.contains($0) } ?? false
            let before = prep.map { ValueWords.beforeWords.contains($0) } ?? false
            if !opensSpan, let d = DateGrammar.resolve(m, reference: reference, calendar: calendar, before: before) {
                deadlines.append(d)
            }
            i = m.range.upperBound
        }
        return deadlines
    }

    /// The quantities outside the deadlines, and apart the spans of time (`binnen 30 dagen`). Numbers in
    /// words are dropped when there are numbers in digits (`Drie campagnes genereren 1.200 leads`).
    private static func findQuantities(_ t: [ValueToken], used: [Bool],
                                       parser: ValueParser) -> (found: [QuantityMatch], spans: [QuantityMatch]) {
        var found: [QuantityMatch] = []
        var spans: [QuantityMatch] = []
        var i = 0
        while i < t.count {
            if used[i] {
                i += 1
                continue
            }
            if let half = halfPhrase(t, at: i) {
                found.append(half)
                i = half.range.upperBound
                continue
            }
            guard let m = QuantityGrammar.match(t, at: i, convention: parser.convention, allowWords: true, freeUnit: true),
                  m.range.allSatisfy({ !used[$0] }) else {
                i += 1
                continue
            }
            let isSpan = m.quantity.unit.map { ValueWords.minutesPerUnit[$0] != nil } == true
                && governingWord(t, before: m.range.lowerBound).map { spanWords.contains($0) } == true
            if isSpan { spans.append(m) } else { found.append(m) }
            i = m.range.upperBound
        }
        if found.contains(where: { !$0.fromWord }) { found.removeAll { $0.fromWord } }
        return (found, spans)
    }

    /// The first two quantities joined by `naar`/`to`/`à`/`→`: start and target, in the target's unit.
    private static func takeStartAndTarget(_ t: [ValueToken], _ found: [QuantityMatch], into facts: inout SentenceFacts) {
        guard found.count >= 2 else { return }
        for k in 0..<(found.count - 1) {
            var a = found[k], b = found[k + 1]
            guard !a.changeMarked, !a.quantity.isChange, joins(t, a, &b) else { continue }
            var unit = b.quantity.unit ?? a.quantity.unit
            if b.quantity.unit == "percent", a.quantity.unit == nil {
                a.quantity.value = QuantityGrammar.shifted(a.quantity.value, by: -2)
            }
            if a.quantity.unit == "percent", b.quantity.unit == nil {
                b.quantity.value = QuantityGrammar.shifted(b.quantity.value, by: -2)
            }
            if let ua = a.quantity.unit, let ub = b.quantity.unit, ua != ub,
               let fa = ValueWords.minutesPerUnit[ua], let fb = ValueWords.minutesPerUnit[ub] {
                a.quantity.value = a.quantity.value * fa / fb  // `2 maanden` → 60 days
                unit = ub
            }
            facts.start = a.quantity.value
            facts.target = b.quantity.value
            facts.ambiguous = a.quantity.ambiguous || b.quantity.ambiguous
            facts.unit = unit
            facts.comparator = b.quantity.comparator
            return
        }
    }

    /// A relative change: a percentage marked as one, or a verb such as `verdubbelen`.
    private static func takeChange(_ t: [ValueToken], _ found: [QuantityMatch], words: Set<String>,
                                   into facts: inout SentenceFacts) {
        let decreasing = !words.isDisjoint(with: DerivedFields.decreaseVerbs)
            || !words.isDisjoint(with: ValueWords.extraDecreaseWords)
        for q in found where q.quantity.unit == "percent" {
            let before = q.range.lowerBound > 0 ? t[q.range.lowerBound - 1].word : nil
            let after = q.range.upperBound < t.count ? t[q.range.upperBound].word : nil
            let saving = before.map { ValueWords.saveWords.contains($0) } ?? false
            let frenchDe = before == "de" && !words.isDisjoint(with: ValueWords.frenchChangeVerbs)
            let noun = (before == "van" || before == "of" || before == "de") && q.range.lowerBound > 1
                && t[q.range.lowerBound - 2].word.map { ValueWords.changeNouns.contains($0) } == true
            let afterWord = after.map { ValueWords.changeAfterWords.contains($0) } ?? false
            guard q.quantity.isChange || saving || frenchDe || noun || afterWord else { continue }
            let down = q.signed ? q.quantity.value < 0 : decreasing || saving || lessWords.contains(after ?? "")
            let magnitude = abs(q.quantity.value)
            facts.changePercent = down ? -magnitude : magnitude
            facts.ambiguous = q.quantity.ambiguous
            return
        }
        if !found.contains(where: { !$0.changeMarked }),
           let multiple = t.lazy.compactMap({ $0.word.flatMap { ValueWords.multipleVerbs[$0] } }).first {
            facts.changePercent = multiple
        }
    }

    // MARK: Helpers

    /// Prepositions after which a bare year is a deadline (`tegen 2027`); not `tot`/`to`, which lead to targets.
    private static let yearPrepositions: Set<String> = [
        "tegen", "uiterlijk", "by", "ici", "in", "en", "voor", "before", "avant", "einde", "eind", "end", "fin", "until",
    ]
    /// Words before a duration that make it a span of time rather than an amount (`binnen 30 dagen`).
    private static let spanWords: Set<String> = ["binnen", "within", "dans", "over", "na", "after", "apres", "in", "en"]

    /// Articles skipped when looking for the word that governs a date or number.
    private static let articles: Set<String> = ["de", "het", "the", "l", "la", "le", "een"]
    /// Words that open a span of dates (`van 1 mei tot 1 november`): what follows is no deadline.
    private static let spanOpeners: Set<String> = ["van", "vanaf", "from", "du", "depuis", "since", "sinds"]
    /// Words after a percentage that make a change go down (`20% minder`).
    private static let lessWords: Set<String> = ["minder", "less", "fewer", "lager", "lower"]

    /// The word that governs token `i`: the nearest word before it, skipping articles.
    static func governingWord(_ t: [ValueToken], before i: Int) -> String? {
        var k = i - 1
        while k >= 0, i - k <= 3 {
            guard let w = t[k].word else { return nil }
            if articles.contains(w), k > 0 {
                k -= 1
                continue
            }
            return w
        }
        return nil
    }

    /// Sets the target, unit and comparator from a single quantity; a "keep" verb makes it a `>=`.
    private static func take(_ q: QuantityMatch, into facts: inout SentenceFacts, keep: Bool) {
        facts.target = q.quantity.value
        facts.ambiguous = q.quantity.ambiguous
        facts.unit = q.quantity.unit
        facts.comparator = q.quantity.comparator ?? (keep ? .atLeast : nil)
    }

    /// Whether the tokens between two quantities join a start to a target; clears a `>` that was an arrow.
    private static func joins(_ t: [ValueToken], _ a: QuantityMatch, _ b: inout QuantityMatch) -> Bool {
        let between = t[a.range.upperBound..<b.range.lowerBound]
        let arrowInB = b.quantity.comparator != nil && t[b.range.lowerBound].isSymbol(">")
        if between.count == 1, let only = between.first {
            if let w = only.word, ValueWords.toWords.contains(w) { return true }
            if let s = only.symbol, ValueWords.toSymbols.contains(s) { return true }
            if only.isSymbol("-") || only.isSymbol("="), arrowInB {  // `->`, `=>` between two numbers
                b.quantity.comparator = nil
                return true
            }
        }
        if between.count == 2, between.first?.word == "jusqu", between.last?.word == "a" { return true }
        return false
    }

    /// `de helft`, `la moitié`, `half of`: 0.5 as a percentage.
    private static func halfPhrase(_ t: [ValueToken], at i: Int) -> QuantityMatch? {
        guard i + 1 < t.count, let a = t[i].word, let b = t[i + 1].word else { return nil }
        guard (a == "de" && b == "helft") || (a == "la" && b == "moitie") || (a == "half" && (b == "of" || b == "the"))
        else { return nil }
        return QuantityMatch(quantity: Quantity(value: 0.5, unit: "percent"), range: i..<i + 2, numberIndex: i,
                             fromWord: true, signed: false, changeMarked: false)
    }

    /// Whether the sentence has a completion verb, separable Dutch verbs included (`Lever … op`).
    private static func hasCompletionVerb(_ t: [ValueToken]) -> Bool {
        let words = t.compactMap(\.word)
        var lastIndex: [String: Int] = [:]
        for (k, w) in words.enumerated() { lastIndex[w] = k }
        for (k, w) in words.enumerated() {
            if ValueWords.completionWords.contains(w) { return true }
            guard let particles = ValueWords.separableStems[w] else { continue }
            for particle in particles {
                guard let j = lastIndex[particle], j > k else { continue }
                // `in` is a particle only at the end (`voeren … in.`); elsewhere it is a preposition.
                if particle != "in" || j == words.count - 1 { return true }
            }
        }
        return false
    }
}
