import SheetKit
import XMLPackage

/// The print setup of sheets in `styles.xml`: a `style:page-layout` (paper, orientation, margins,
/// fit-to-pages) and a `style:master-page` (header and footer) per distinct ``ODSPageSetup``.
enum ODSPageParts {
    /// The page layout `name` (inside `office:automatic-styles`).
    static func pageLayout(_ name: String, _ page: ODSPageSetup, to xml: XMLTextWriter) throws {
        let (short, long) = page.a4 ? ("21cm", "29.7cm") : ("21.59cm", "27.94cm")
        let (width, height) = page.landscape ? (long, short) : (short, long)
        var properties = "fo:page-width=\"\(width)\" fo:page-height=\"\(height)\" style:print-orientation=\"\(page.landscape ? "landscape" : "portrait")\""
            + " fo:margin-top=\"1.5cm\" fo:margin-bottom=\"1cm\" fo:margin-left=\"1.2cm\" fo:margin-right=\"1.2cm\""
        if page.fitToWidth > 0 || page.fitToHeight > 0 {
            properties += " style:scale-to-X=\"\(page.fitToWidth)\" style:scale-to-Y=\"\(page.fitToHeight)\""
        }
        try xml.raw("<style:page-layout style:name=\"\(name)\"><style:page-layout-properties \(properties) style:writing-mode=\"lr-tb\"/>")
        try xml.raw("<style:header-style><style:header-footer-properties fo:min-height=\"0.6cm\" fo:margin-bottom=\"0.25cm\"/></style:header-style>")
        try xml.raw("<style:footer-style><style:header-footer-properties fo:min-height=\"0.6cm\" fo:margin-top=\"0.25cm\"/></style:footer-style>")
        try xml.raw("</style:page-layout>")
    }

    /// The master page `name` on `layout`, with the header and footer of `page` (inside
    /// `office:master-styles`).
    static func masterPage(_ name: String, layout: String, _ page: ODSPageSetup, to xml: XMLTextWriter) throws {
        try xml.raw("<style:master-page style:name=\"\(name)\" style:page-layout-name=\"\(layout)\">")
        if let header = page.header {
            try xml.raw("<style:header>")
            try regions(header, to: xml)
            try xml.raw("</style:header>")
        } else {
            try xml.raw("<style:header style:display=\"false\"/>")
        }
        if let footer = page.footer {
            try xml.raw("<style:footer>")
            try regions(footer, to: xml)
            try xml.raw("</style:footer>")
        } else {
            try xml.raw("<style:footer style:display=\"false\"/>")
        }
        try xml.raw("</style:master-page>")
    }

    /// A header or footer in Excel's codes as ODF regions: `&L…&C…&R…` into left, center and right;
    /// text without a section code goes in the center.
    static func regions(_ text: String, to xml: XMLTextWriter) throws {
        var sections: [(String, String)] = [("left", ""), ("center", ""), ("right", "")]
        var current = 1
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            guard c == "&", let code = chars.first else {
                sections[current].1.append(c)
                continue
            }
            chars.removeFirst()
            switch code {
            case "L", "l": current = 0
            case "C", "c": current = 1
            case "R", "r": current = 2
            case "&": sections[current].1 += "&"
            case "P", "p": sections[current].1 += "\u{1}P"
            case "N", "n": sections[current].1 += "\u{1}N"
            case "A", "a": sections[current].1 += "\u{1}A"
            case "D", "d": sections[current].1 += "\u{1}D"
            case "\"":
                // A font name: `&"Arial,Bold"` is left out.
                while let f = chars.popFirst(), f != "\"" {}
            case "K", "k":
                // A font colour, `&KFF0000`: left out.
                chars = chars.dropFirst(6)
            case "B", "b", "I", "i", "U", "u", "S", "s", "X", "x", "Y", "y", "E", "e", "O", "o", "H", "h", "G", "g":
                break  // bold, italic, underline… toggles and pictures: left out
            default:
                if code.isNumber {
                    // A font size (`&12`): left out.
                    while let d = chars.first, d.isNumber { chars.removeFirst() }
                } else {
                    sections[current].1.append(code)  // not a code: the character as it is
                }
            }
        }
        for (region, content) in sections where !content.isEmpty {
            try xml.raw("<style:region-\(region)><text:p>")
            var literal = ""
            var parts = Array(content)[...]
            func flush() throws {
                guard !literal.isEmpty else { return }
                try xml.text(literal)
                literal = ""
            }
            while let c = parts.popFirst() {
                guard c == "\u{1}", let field = parts.popFirst() else { literal.append(c); continue }
                try flush()
                switch field {
                case "P": try xml.raw("<text:page-number>1</text:page-number>")
                case "N": try xml.raw("<text:page-count>1</text:page-count>")
                case "A": try xml.raw("<text:sheet-name>???</text:sheet-name>")
                default: try xml.raw("<text:date/>")
                }
            }
            try flush()
            try xml.raw("</text:p></style:region-\(region)>")
        }
    }
}
