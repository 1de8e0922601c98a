import Foundation
import OKRCore
import Testing

@Suite("Folding text for comparison")
struct TextFoldingTests {
    @Test(arguments: [
        ("Huidige  waarde:", "huidige waarde"), ("  Start-value (%) ", "start value %"), ("KR#1 $ / €", "kr#1 $ €"),
        ("État d'avancement", "etat d avancement"), ("Verantwoordelijke", "verantwoordelijke"), ("🟢 Behaald!", "🟢 behaald"),
        ("", ""), ("...", ""), ("A\tB\nC", "a b c"),
    ])
    func folds(text: String, expected: String) {
        #expect(text.folded == expected)
    }

    /// The ASCII fast path gives what the general path gives: an ASCII text and the same text with an
    /// accented letter in front (which takes the general path) fold alike after that letter.
    @Test func theASCIIPathAgreesWithTheGeneralOne() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcXYZ09 _-:;%$#@!?()[]{}.,/\\'\"\t\n+*=<>~^&|")
        for _ in 0..<2_000 {
            let text = String((0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            let fast = text.folded
            let startsWithSeparator = text.first.map { !($0.isLetter || $0.isNumber || "%$#".contains($0)) } ?? false
            let expected = "e" + (startsWithSeparator && !fast.isEmpty ? " " : "") + fast
            #expect(("é" + text).folded == expected, "\(text.debugDescription)")
        }
    }
}

@Suite("Folding Latin text scalar by scalar")
struct LatinFoldingTests {
    /// The Latin path (each scalar folded through a table) gives what Foundation's folding of the whole
    /// text gives: a text and the same text behind a Greek letter (which takes the general path) fold
    /// alike after that letter.
    @Test func theLatinPathAgreesWithTheGeneralOne() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("aeEéÉèêëàâäçÇîïôöœŒùûüÿñßæÆøØåÅłŁšŠžŽčČőű€£%$# -:;.,'\"()!?\t\u{A0}\u{AB}\u{BB}ﬀ0123")
            + (0xC0...0x24F).compactMap { Unicode.Scalar($0).map(Character.init) }
        for _ in 0..<3_000 {
            let text = String((0..<Int.random(in: 0...14, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            let latin = text.folded
            let general = ("α" + text).folded
            let expected = "α" + (general.dropFirst().first == " " ? " " : "") + latin
            #expect(general == expected, "\(text.debugDescription)")
        }
    }

    @Test(arguments: [
        ("Één Œuvre ÀÉÎÕÜ ß", "een œuvre aeiou ss"), ("Réduire le délai — 5 jours", "reduire le delai 5 jours"),
        ("Straße €5", "strasse €5"),
    ])
    func foldsLatinLetters(text: String, expected: String) {
        #expect(text.folded == expected)
    }
}

@Suite("Trimming white space")
struct TrimmingTests {
    @Test func agreesWithFoundationsWhitespacesAndNewlines() {
        var generator = SystemRandomNumberGenerator()
        let pieces: [String] = ["a", "é", "€", " ", "\t", "\n", "\r\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}", "\u{1680}", "\u{2003}",
                                "\u{200B}", "\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}", "\u{3000}", "\u{FEFF}", "x y", "🟢"]
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 0...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(text.trimmingWhitespace == text.trimmingCharacters(in: .whitespacesAndNewlines), "\(text.debugDescription)")
        }
    }

    @Test func agreesOnEveryScalarOfTheBasicPlane() {
        var differ: [UInt32] = []
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "a" + String(Character(scalar))
            if text.trimmingWhitespace != text.trimmingCharacters(in: .whitespacesAndNewlines) { differ.append(value) }
        }
        #expect(differ.isEmpty, "\(differ.map { String($0, radix: 16) })")
    }
}
