import SheetKit
import XMLPackage

/// Reads `xl/styles.xml`: for each cell format (`cellXfs/xf`) its number format kind and the shared
/// ``CellStyle`` (number format code, bold, solid fill colour) that its cells carry.
final class StylesParser: XMLContentHandler {
    /// One entry per `cellXfs/xf`, indexed by a cell's `s` attribute.
    struct Format {
        var kind: NumberFormat
        /// One instance per xf, shared by its cells; nil for the default look.
        var style: CellStyle?
    }

    private var customFormats: [Int: String] = [:]
    private var boldFonts: [Bool] = []
    private var solidFills: [String?] = []
    private var xfs: [(numFmtId: Int, fontId: Int, fillId: Int)] = []

    // Where we are: the enclosing collection and the item being read.
    private enum Section { case none, fonts, fills, cellXfs, other }
    private var section = Section.none
    private var fontBold = false
    private var fillSolid = false
    private var fillColor: String?

    static func parse(_ package: ZipPackage, part: String) throws -> [Format] {
        let parser = StylesParser()
        try package.parseXML(entry: part, namespaces: OOXMLNamespace.map(defaultNamespace: OOXMLNamespace.main), handler: parser)
        return parser.formats
    }

    /// The formats, resolved.
    var formats: [Format] {
        var styles: [String: CellStyle] = [:]
        return xfs.map { xf in
            let code = customFormats[xf.numFmtId] ?? NumberFormat.builtInCode(xf.numFmtId)
            let kind = customFormats[xf.numFmtId].map(NumberFormat.classify) ?? NumberFormat.builtIn(xf.numFmtId)
            let bold = xf.fontId >= 0 && xf.fontId < boldFonts.count && boldFonts[xf.fontId]
            let fill = xf.fillId >= 0 && xf.fillId < solidFills.count ? solidFills[xf.fillId] : nil
            guard code != nil || bold || fill != nil else { return Format(kind: kind, style: nil) }
            let key = "\(code ?? "")\u{0}\(bold)\u{0}\(fill ?? "")"
            if let style = styles[key] { return Format(kind: kind, style: style) }
            let style = CellStyle(numberFormat: code, bold: bold, fill: fill)
            styles[key] = style
            return Format(kind: kind, style: style)
        }
    }

    func startElement(_ name: XMLName, attributes: XMLAttributes) throws {
        guard name.namespace == OOXMLNamespace.main else { return }
        let local = name.localName
        switch section {
        case .none:
            if local.equals("numFmt"), let id = attributes["numFmtId"]?.decimalValue, let code = attributes["formatCode"] {
                customFormats[id] = code.string
            } else if local.equals("fonts") {
                section = .fonts
            } else if local.equals("fills") {
                section = .fills
            } else if local.equals("cellXfs") {
                section = .cellXfs
            } else if local.equals("cellStyleXfs") || local.equals("dxfs") || local.equals("cellStyles") {
                section = .other
            }
        case .fonts:
            if local.equals("font") {
                fontBold = false
            } else if local.equals("b") {
                fontBold = attributes["val"].map { $0.equals("1") || $0.equals("true") } ?? true
            }
        case .fills:
            if local.equals("fill") {
                fillSolid = false
                fillColor = nil
            } else if local.equals("patternFill") {
                fillSolid = attributes["patternType"]?.equals("solid") ?? false
            } else if local.equals("fgColor"), let rgb = attributes["rgb"]?.string, rgb.utf8.count == 8 || rgb.utf8.count == 6 {
                fillColor = String(rgb.suffix(6)).uppercased()
            }
        case .cellXfs:
            if local.equals("xf") {
                xfs.append((attributes["numFmtId"]?.decimalValue ?? 0, attributes["fontId"]?.decimalValue ?? 0,
                            attributes["fillId"]?.decimalValue ?? 0))
            }
        case .other:
            break
        }
    }

    func endElement(_ name: XMLName) throws {
        guard name.namespace == OOXMLNamespace.main else { return }
        let local = name.localName
        switch section {
        case .fonts:
            if local.equals("font") { boldFonts.append(fontBold) } else if local.equals("fonts") { section = .none }
        case .fills:
            if local.equals("fill") { solidFills.append(fillSolid ? fillColor : nil) } else if local.equals("fills") { section = .none }
        case .cellXfs:
            if local.equals("cellXfs") { section = .none }
        case .other:
            if local.equals("cellStyleXfs") || local.equals("dxfs") || local.equals("cellStyles") { section = .none }
        case .none:
            break
        }
    }

    func characters(_ text: UnsafeBufferPointer<UInt8>) throws {}
}
