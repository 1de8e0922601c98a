import SheetKit
import XMLPackage

/// The XML of the fixed parts of an `.ods` package, one function per part: the manifest, `meta.xml`,
/// `settings.xml`, `styles.xml`, and the start and end of `content.xml` (whose sheets stream between).
enum ODSPackageParts {
    /// The `mimetype` entry, stored first and uncompressed.
    static let mimeType = "application/vnd.oasis.opendocument.spreadsheet"

    /// The parts the package holds besides `mimetype` and the manifest, in the order they are written.
    static let parts = ["content.xml", "styles.xml", "meta.xml", "settings.xml"]

    /// The namespace declarations of the document parts.
    static let namespaces = #"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" "#
        + #"xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" "#
        + #"xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" "#
        + #"xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" "#
        + #"xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" "#
        + #"xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" "#
        + #"xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" "#
        + #"xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0" "#
        + #"xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" "#
        + #"xmlns:msoxl="http://schemas.microsoft.com/office/excel/formula" "#
        + #"xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" "#
        + #"office:version="1.3""#

    static let declaration = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"

    /// `META-INF/manifest.xml`: the package itself and every part.
    static func manifest(_ xml: XMLTextWriter) throws {
        try xml.raw(declaration)
        try xml.raw(#"<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">"#)
        try xml.raw("<manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.3\" manifest:media-type=\"\(mimeType)\"/>")
        for part in parts {
            try xml.raw("<manifest:file-entry manifest:full-path=\"\(part)\" manifest:media-type=\"text/xml\"/>")
        }
        try xml.raw("</manifest:manifest>")
    }

    /// A table style: its name, whether the sheet shows, and its master page (print setup).
    struct TableStyle: Hashable {
        var name: String
        var display: Bool
        var masterPage: String
    }

    /// The two table styles of sheets without a print setup: `ta1` shown, `ta2` hidden.
    static let defaultTableStyles = [TableStyle(name: "ta1", display: true, masterPage: "Default"),
                                     TableStyle(name: "ta2", display: false, masterPage: "Default")]

    /// The start of `content.xml`, up to the first sheet: the table styles, the column styles (each a
    /// name and a `style:column-width`, `2.47cm`) and the row styles (a name and a height, `22pt`).
    static func contentStart(_ xml: XMLTextWriter, tableStyles: [TableStyle] = defaultTableStyles,
                             columnWidths: [(name: String, width: String)] = [], rowHeights: [(name: String, height: String)] = []) throws {
        try xml.raw(declaration)
        try xml.raw("<office:document-content \(namespaces)><office:automatic-styles>")
        for style in tableStyles {
            try xml.raw("<style:style style:name=\"\(style.name)\" style:family=\"table\" style:master-page-name=\"\(style.masterPage)\">"
                + "<style:table-properties table:display=\"\(style.display)\"/></style:style>")
        }
        for (name, width) in columnWidths {
            try xml.raw("<style:style style:name=\"\(name)\" style:family=\"table-column\">"
                + "<style:table-column-properties fo:break-before=\"auto\" style:column-width=\"\(width)\"/></style:style>")
        }
        for (name, height) in rowHeights {
            try xml.raw("<style:style style:name=\"\(name)\" style:family=\"table-row\">"
                + "<style:table-row-properties style:row-height=\"\(height)\" style:use-optimal-row-height=\"false\" fo:break-before=\"auto\"/></style:style>")
        }
        try xml.raw("</office:automatic-styles><office:body><office:spreadsheet>")
    }

    /// The end of `content.xml`, after the last sheet: the autofilter ranges (`table:database-ranges`).
    static func contentEnd(_ xml: XMLTextWriter, autoFilters: [(sheet: String, range: CellRange)] = []) throws {
        if !autoFilters.isEmpty {
            try xml.raw("<table:database-ranges>")
            for (i, filter) in autoFilters.enumerated() {
                try xml.raw("<table:database-range table:name=\"__Anonymous_Sheet_DB__\(i)\" table:target-range-address=\"")
                try xml.attribute(ODSLayoutParts.address(filter.range, sheet: filter.sheet))
                try xml.raw("\" table:display-filter-buttons=\"true\"/>")
            }
            try xml.raw("</table:database-ranges>")
        }
        try xml.raw("</office:spreadsheet></office:body></office:document-content>")
    }

    /// `styles.xml`: data styles and cell styles, the `Default` page layout and master page, and one of
    /// each per print setup (`MP1` on `pm2`…, as ``ODSWriter`` names them).
    static func styles(_ xml: XMLTextWriter, table: ODSStyleTable, pages: [ODSPageSetup] = []) throws {
        try xml.raw(declaration)
        try xml.raw("<office:document-styles \(namespaces)><office:styles>")
        try table.write(to: xml)
        try xml.raw("</office:styles><office:automatic-styles>")
        try xml.raw(#"<style:page-layout style:name="pm1"><style:page-layout-properties style:writing-mode="lr-tb"/></style:page-layout>"#)
        for (i, page) in pages.enumerated() { try ODSPageParts.pageLayout("pm\(i + 2)", page, to: xml) }
        try xml.raw("</office:automatic-styles><office:master-styles>")
        try xml.raw(#"<style:master-page style:name="Default" style:page-layout-name="pm1"/>"#)
        for (i, page) in pages.enumerated() { try ODSPageParts.masterPage("MP\(i + 1)", layout: "pm\(i + 2)", page, to: xml) }
        try xml.raw("</office:master-styles></office:document-styles>")
    }

    /// `meta.xml`: the generator and the sheet count (which readers use to stop early).
    static func meta(_ xml: XMLTextWriter, sheetCount: Int, cellCount: Int) throws {
        try xml.raw(declaration)
        try xml.raw("<office:document-meta \(namespaces)><office:meta><meta:generator>okrsheet</meta:generator>")
        try xml.raw("<meta:document-statistic meta:table-count=\"\(sheetCount)\" meta:cell-count=\"\(cellCount)\"/>")
        try xml.raw("</office:meta></office:document-meta>")
    }

    /// `settings.xml`: the frozen panes of the sheets that have them.
    static func settings(_ xml: XMLTextWriter, sheets: [SheetInfo], layouts: [ODSSheetLayout]) throws {
        try xml.raw(declaration)
        try xml.raw("<office:document-settings \(namespaces)><office:settings>")
        try ODSLayoutParts.viewSettings(sheets: sheets, layouts: layouts, to: xml)
        try xml.raw(#"<config:config-item-set config:name="ooo:configuration-settings">"#
            + #"<config:config-item config:name="HasColumnRowHeaders" config:type="boolean">true</config:config-item>"#
            + "</config:config-item-set>")
        try xml.raw("</office:settings></office:document-settings>")
    }
}
