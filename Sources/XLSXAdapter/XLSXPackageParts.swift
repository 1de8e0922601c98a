import SheetKit
import XMLPackage

/// The small parts of a written package, one function each: workbook, relationships, content types and
/// document properties.
enum XLSXPackageParts {
    static let header = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let packageRels = "http://schemas.openxmlformats.org/package/2006/relationships"

    /// A sheet name as formulas quote it: `'Q2 ''26'`.
    static func quoted(sheet name: String) -> String {
        "'" + name.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
    }

    /// A workbook-level name (`_xlnm.Print_Titles`), local to one sheet.
    struct DefinedName: Hashable {
        var name: String
        /// 0-based index of the sheet the name belongs to.
        var sheet: Int
        var hidden: Bool
        /// The reference, sheet name quoted: `'OKR'!$3:$3`.
        var value: String
    }

    static func workbook(_ xml: XMLTextWriter, sheets: [SheetInfo], definedNames: [DefinedName] = []) throws {
        // Excel needs one visible sheet, and the active tab must be visible.
        let active = sheets.firstIndex { !$0.hidden } ?? 0
        try xml.raw(header + "<workbook xmlns=\"\(main)\" xmlns:r=\"\(relationships)\"><workbookPr/>")
        try xml.raw("<bookViews><workbookView activeTab=\"\(active)\" firstSheet=\"\(active)\"/></bookViews><sheets>")
        for (i, sheet) in sheets.enumerated() {
            try xml.raw("<sheet name=\"")
            try xml.attribute(sheet.name)
            let hidden = sheet.hidden && i != active
            try xml.raw("\" sheetId=\"\(i + 1)\"\(hidden ? " state=\"hidden\"" : "") r:id=\"rId\(i + 1)\"/>")
        }
        try xml.raw("</sheets>")
        if !definedNames.isEmpty {
            try xml.raw("<definedNames>")
            for name in definedNames {
                try xml.raw("<definedName name=\"\(name.name)\" localSheetId=\"\(name.sheet)\"\(name.hidden ? " hidden=\"1\"" : "")>")
                try xml.text(name.value)
                try xml.raw("</definedName>")
            }
            try xml.raw("</definedNames>")
        }
        try xml.raw("<calcPr calcId=\"191029\"/></workbook>")
    }

    static func workbookRelationships(_ xml: XMLTextWriter, sheetCount: Int) throws {
        try xml.raw(header + "<Relationships xmlns=\"\(packageRels)\">")
        for i in 1...max(1, sheetCount) {
            try xml.raw("<Relationship Id=\"rId\(i)\" Type=\"\(relationships)/worksheet\" Target=\"worksheets/sheet\(i).xml\"/>")
        }
        try xml.raw("<Relationship Id=\"rId\(sheetCount + 1)\" Type=\"\(relationships)/styles\" Target=\"styles.xml\"/>")
        try xml.raw("<Relationship Id=\"rId\(sheetCount + 2)\" Type=\"\(relationships)/sharedStrings\" Target=\"sharedStrings.xml\"/>")
        try xml.raw("</Relationships>")
    }

    static func contentTypes(_ xml: XMLTextWriter, sheetCount: Int, chartCount: Int = 0) throws {
        let ct = "application/vnd.openxmlformats-officedocument"
        try xml.raw(header + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#)
        try xml.raw("<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>")
        try xml.raw("<Default Extension=\"xml\" ContentType=\"application/xml\"/>")
        try xml.raw("<Override PartName=\"/xl/workbook.xml\" ContentType=\"\(ct).spreadsheetml.sheet.main+xml\"/>")
        for i in 1...max(1, sheetCount) {
            try xml.raw("<Override PartName=\"/xl/worksheets/sheet\(i).xml\" ContentType=\"\(ct).spreadsheetml.worksheet+xml\"/>")
        }
        for i in stride(from: 1, through: chartCount, by: 1) {
            try xml.raw("<Override PartName=\"/xl/drawings/drawing\(i).xml\" ContentType=\"\(ct).drawing+xml\"/>")
            try xml.raw("<Override PartName=\"/xl/charts/chart\(i).xml\" ContentType=\"\(ct).drawingml.chart+xml\"/>")
        }
        try xml.raw("<Override PartName=\"/xl/styles.xml\" ContentType=\"\(ct).spreadsheetml.styles+xml\"/>")
        try xml.raw("<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"\(ct).spreadsheetml.sharedStrings+xml\"/>")
        try xml.raw("<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>")
        try xml.raw("<Override PartName=\"/docProps/app.xml\" ContentType=\"\(ct).extended-properties+xml\"/>")
        try xml.raw("</Types>")
    }

    static func packageRelationships(_ xml: XMLTextWriter) throws {
        try xml.raw(header + "<Relationships xmlns=\"\(packageRels)\">")
        try xml.raw("<Relationship Id=\"rId1\" Type=\"\(relationships)/officeDocument\" Target=\"xl/workbook.xml\"/>")
        try xml.raw("<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>")
        try xml.raw("<Relationship Id=\"rId3\" Type=\"\(relationships)/extended-properties\" Target=\"docProps/app.xml\"/>")
        try xml.raw("</Relationships>")
    }

    static func coreProperties(_ xml: XMLTextWriter) throws {
        try xml.raw(header + #"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#
            + #"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#
            + #"xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#
            + "<dc:creator>okrsheet</dc:creator></cp:coreProperties>")
    }

    static func appProperties(_ xml: XMLTextWriter, sheets: [SheetInfo]) throws {
        try xml.raw(header + #"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" "#
            + #"xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">"#)
        try xml.raw("<Application>okrsheet</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>")
        try xml.raw("<HeadingPairs><vt:vector size=\"2\" baseType=\"variant\"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant>")
        try xml.raw("<vt:variant><vt:i4>\(sheets.count)</vt:i4></vt:variant></vt:vector></HeadingPairs>")
        try xml.raw("<TitlesOfParts><vt:vector size=\"\(sheets.count)\" baseType=\"lpstr\">")
        for sheet in sheets {
            try xml.raw("<vt:lpstr>")
            try xml.text(sheet.name)
            try xml.raw("</vt:lpstr>")
        }
        try xml.raw("</vt:vector></TitlesOfParts><AppVersion>16.0300</AppVersion></Properties>")
    }
}
