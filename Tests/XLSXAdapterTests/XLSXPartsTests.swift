@testable import XLSXAdapter
import Testing

@Suite struct NumberFormatTests {
    @Test(arguments: [
        ("dd/mm/yyyy", NumberFormat.date), ("DD/MM/YY", .date), ("mmm-yy", .date), ("yyyy-mm-dd hh:mm", .date),
        ("[$-409]mmmm d, yyyy;@", .date), ("m\"M\"d\"D\";@", .date), ("*-yyyy-mm-dd", .date),
        ("h:mm:ss", .time), ("H:MM:SS;@", .time), ("h:mm AM/PM", .time), ("mm:ss", .time), ("[h]:mm:ss", .duration),
        ("[mm]:ss", .duration), ("[ss].000", .duration), ("[Blue]\\+[h]:mm;[Red]\\-[h]:mm", .duration),
        ("General", .number), ("0.00", .number), ("#,##0\\ [$\\u20bd-46D]", .number), ("\"Y: \"0.00\"m\";@", .number),
        ("\"$\"#,##0_);[Red](\"$\"#,##0)", .number), ("0_ ;[Red]\\-0\\ ", .number), ("\\Y000000", .number),
        ("#,##0.0####\" YMD\"", .number), ("[>=100][Magenta].00", .number), ("#,##0*y", .number), ("0.00E+00", .number),
        ("0%", .number), ("@", .number),
    ])
    func classifiesCustomFormats(code: String, expected: NumberFormat) {
        #expect(NumberFormat.classify(code) == expected, "\(code)")
    }

    @Test func builtInIds() {
        #expect((14...17).allSatisfy { NumberFormat.builtIn($0) == .date })
        #expect(NumberFormat.builtIn(22) == .date)
        #expect([18, 19, 20, 21, 45, 47].allSatisfy { NumberFormat.builtIn($0) == .time })
        #expect(NumberFormat.builtIn(46) == .duration)
        #expect([0, 1, 9, 10, 49, 164].allSatisfy { NumberFormat.builtIn($0) == .number })
    }
}

@Suite struct FormulaShifterTests {
    @Test(arguments: [
        ("A1+B2", 1, 1, "B2+C3"),
        ("$A$1+A$1+$A1", 2, 2, "$A$1+C$1+$A3"),
        ("SUM(A1:B2)", 3, 0, "SUM(A4:B5)"),
        ("LOG10(A1)", 0, 1, "LOG10(B1)"),
        ("\"A1\"&A1", 1, 0, "\"A1\"&A2"),
        ("'Other Sheet'!A1+Sheet2!B1", 1, 0, "'Other Sheet'!A2+Sheet2!B2"),
        ("SUM(A:A)+SUM(1:1)", 1, 1, "SUM(B:B)+SUM(2:2)"),
        ("A1*1.5E+3", 1, 0, "A2*1.5E+3"),
        ("Table1[Amount]+A1", 1, 0, "Table1[Amount]+A2"),
        ("A1", -1, 0, "#REF!"),
        ("TRUE", 5, 5, "TRUE"),
    ])
    func movesRelativeReferences(formula: String, rows: Int, columns: Int, expected: String) {
        #expect(FormulaShifter.shift(formula, rows: rows, columns: columns) == expected)
    }
}

@Suite struct OOXMLEscapeTests {
    @Test(arguments: [
        ("plain", "plain"), ("a_x000D_b", "a\rb"), ("_x005F_x000D_", "_x000D_"), ("_x0041__x0042_", "AB"),
        ("_xD83D__xDE00_", "😀"), ("_xD83D_", "\u{FFFD}"), ("_x00zz_", "_x00zz_"), ("_x004", "_x004"),
    ])
    func decodesEscapes(raw: String, expected: String) {
        #expect(OOXMLEscape.decode(Array(raw.utf8)) == expected)
    }
}

@Suite struct PartNameTests {
    @Test(arguments: [
        ("worksheets/sheet1.xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"),
        ("/xl/worksheets/sheet1.xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"),
        ("../xl/worksheets/sheet1.xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"),
        ("xl/workbook.xml", "", "xl/workbook.xml"),
        ("./styles.xml", "xl/workbook.xml", "xl/styles.xml"),
    ])
    func resolvesTargets(target: String, source: String, expected: String) {
        #expect(PartName.resolve(target, relativeTo: source) == expected)
    }

    @Test func relationshipsPart() {
        #expect(PartName.relationships(of: "xl/workbook.xml") == "xl/_rels/workbook.xml.rels")
        #expect(PartName.relationships(of: "workbook.xml") == "_rels/workbook.xml.rels")
    }
}

@Suite struct SharedStringSpaceTests {
    @Test(arguments: [
        ("", false), ("ab", false), ("a b", false), (" a", true), ("a ", true), ("a\nb", true), ("a\tb", true),
        ("\r", true), ("é", false), ("a é", false), ("\u{00A0}a", true), ("a\u{3000}", true), ("é\nb", true), ("€ 5", false),
    ])
    func whiteSpaceAtTheEndsOrLineBreaksArePreserved(text: String, preserve: Bool) {
        #expect(XLSXSharedStrings.needsPreserve(text) == preserve)
    }
}
