import SheetKit
import XMLPackage

/// The parts of a chart on a sheet, one function each: the sheet's relationships to its drawing, the drawing
/// (where the chart sits), the drawing's relationships to its chart, and the chart (DrawingML).
enum XLSXDrawingParts {
    static let header = XLSXPackageParts.header
    static let relationships = XLSXPackageParts.relationships
    static let chartNamespace = "http://schemas.openxmlformats.org/drawingml/2006/chart"
    static let drawingNamespace = "http://schemas.openxmlformats.org/drawingml/2006/main"

    static func sheetRelationships(_ xml: XMLTextWriter, drawing: Int) throws {
        try xml.raw(header + "<Relationships xmlns=\"\(XLSXPackageParts.packageRels)\">")
        try xml.raw("<Relationship Id=\"rId1\" Type=\"\(relationships)/drawing\" Target=\"../drawings/drawing\(drawing).xml\"/>")
        try xml.raw("</Relationships>")
    }

    static func drawingRelationships(_ xml: XMLTextWriter, chart: Int) throws {
        try xml.raw(header + "<Relationships xmlns=\"\(XLSXPackageParts.packageRels)\">")
        try xml.raw("<Relationship Id=\"rId1\" Type=\"\(relationships)/chart\" Target=\"../charts/chart\(chart).xml\"/>")
        try xml.raw("</Relationships>")
    }

    /// The drawing: one graphic frame anchored from the range's first cell to just past its last.
    static func drawing(_ xml: XMLTextWriter, anchor: CellRange) throws {
        func marker(_ tag: String, row: Int, column: Int) -> String {
            "<xdr:\(tag)><xdr:col>\(column)</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>\(row)</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:\(tag)>"
        }
        try xml.raw(header + "<xdr:wsDr xmlns:xdr=\"http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing\" xmlns:a=\"\(drawingNamespace)\">")
        try xml.raw("<xdr:twoCellAnchor editAs=\"oneCell\">")
        try xml.raw(marker("from", row: anchor.first.row, column: anchor.first.column))
        try xml.raw(marker("to", row: anchor.last.row + 1, column: anchor.last.column + 1))
        try xml.raw("<xdr:graphicFrame macro=\"\"><xdr:nvGraphicFramePr><xdr:cNvPr id=\"2\" name=\"Chart 1\"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>")
        try xml.raw("<xdr:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"0\" cy=\"0\"/></xdr:xfrm><a:graphic><a:graphicData uri=\"\(chartNamespace)\">")
        try xml.raw("<c:chart xmlns:c=\"\(chartNamespace)\" xmlns:r=\"\(relationships)\" r:id=\"rId1\"/></a:graphicData></a:graphic>")
        try xml.raw("</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>")
    }

    /// An absolute reference to a one-column range: `'Summary'!$A$5:$A$9`.
    static func reference(_ sheet: String, _ range: CellRange) -> String {
        let quoted = XLSXPackageParts.quoted(sheet: sheet)
        return "\(quoted)!$\(range.first.columnName)$\(range.first.row + 1):$\(range.last.columnName)$\(range.last.row + 1)"
    }

    /// The chart: one clustered bar series with cached labels and values, value labels, no legend.
    static func chart(_ xml: XMLTextWriter, _ chart: XLSXBarChart) throws {
        try xml.raw(header + "<c:chartSpace xmlns:c=\"\(chartNamespace)\" xmlns:a=\"\(drawingNamespace)\" xmlns:r=\"\(relationships)\">")
        try xml.raw("<c:roundedCorners val=\"0\"/><c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:p><a:pPr><a:defRPr sz=\"1200\" b=\"1\"/></a:pPr>")
        try xml.raw("<a:r><a:rPr lang=\"en-US\" sz=\"1200\" b=\"1\"/><a:t>")
        try xml.text(chart.title)
        try xml.raw("</a:t></a:r></a:p></c:rich></c:tx><c:overlay val=\"0\"/></c:title><c:autoTitleDeleted val=\"0\"/>")
        try xml.raw("<c:plotArea><c:layout/><c:barChart><c:barDir val=\"\(chart.horizontal ? "bar" : "col")\"/><c:grouping val=\"clustered\"/>")
        try xml.raw("<c:varyColors val=\"0\"/><c:ser><c:idx val=\"0\"/><c:order val=\"0\"/><c:tx><c:v>")
        try xml.text(chart.seriesName)
        try xml.raw("</c:v></c:tx><c:spPr><a:solidFill><a:srgbClr val=\"\(chart.color)\"/></a:solidFill></c:spPr><c:invertIfNegative val=\"0\"/>")
        try xml.raw("<c:dLbls><c:numFmt formatCode=\"")
        try xml.attribute(chart.numberFormat)
        try xml.raw("\" sourceLinked=\"0\"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr><c:showLegendKey val=\"0\"/><c:showVal val=\"1\"/>")
        try xml.raw("<c:showCatName val=\"0\"/><c:showSerName val=\"0\"/><c:showPercent val=\"0\"/><c:showBubbleSize val=\"0\"/></c:dLbls>")
        try xml.raw("<c:cat><c:strRef><c:f>")
        try xml.text(reference(chart.sheet, chart.categories))
        try xml.raw("</c:f><c:strCache><c:ptCount val=\"\(chart.cachedCategories.count)\"/>")
        for (i, label) in chart.cachedCategories.enumerated() {
            try xml.raw("<c:pt idx=\"\(i)\"><c:v>")
            try xml.text(label)
            try xml.raw("</c:v></c:pt>")
        }
        try xml.raw("</c:strCache></c:strRef></c:cat><c:val><c:numRef><c:f>")
        try xml.text(reference(chart.sheet, chart.values))
        try xml.raw("</c:f><c:numCache><c:formatCode>")
        try xml.text(chart.numberFormat)
        try xml.raw("</c:formatCode><c:ptCount val=\"\(chart.cachedValues.count)\"/>")
        for (i, value) in chart.cachedValues.enumerated() where value.isFinite {
            try xml.raw("<c:pt idx=\"\(i)\"><c:v>\(CellValue.numberText(value))</c:v></c:pt>")
        }
        try xml.raw("</c:numCache></c:numRef></c:val></c:ser><c:gapWidth val=\"60\"/><c:axId val=\"50010\"/><c:axId val=\"50020\"/></c:barChart>")
        // Categories top to bottom in sheet order; the value axis then crosses at the last one (the bottom).
        try xml.raw("<c:catAx><c:axId val=\"50010\"/><c:scaling><c:orientation val=\"\(chart.horizontal ? "maxMin" : "minMax")\"/></c:scaling>")
        try xml.raw("<c:delete val=\"0\"/><c:axPos val=\"\(chart.horizontal ? "l" : "b")\"/><c:numFmt formatCode=\"General\" sourceLinked=\"0\"/>")
        try xml.raw("<c:majorTickMark val=\"none\"/><c:minorTickMark val=\"none\"/><c:tickLblPos val=\"nextTo\"/><c:crossAx val=\"50020\"/>")
        try xml.raw("<c:crosses val=\"autoZero\"/><c:auto val=\"1\"/><c:lblAlgn val=\"ctr\"/><c:lblOffset val=\"100\"/><c:noMultiLvlLbl val=\"0\"/></c:catAx>")
        let maximum = chart.maximum.map { "<c:max val=\"\(CellValue.numberText($0))\"/>" } ?? ""
        try xml.raw("<c:valAx><c:axId val=\"50020\"/><c:scaling><c:orientation val=\"minMax\"/>\(maximum)<c:min val=\"0\"/></c:scaling><c:delete val=\"0\"/>")
        try xml.raw("<c:axPos val=\"\(chart.horizontal ? "b" : "l")\"/><c:majorGridlines/><c:numFmt formatCode=\"")
        try xml.attribute(chart.numberFormat)
        try xml.raw("\" sourceLinked=\"0\"/><c:majorTickMark val=\"none\"/><c:minorTickMark val=\"none\"/><c:tickLblPos val=\"nextTo\"/>")
        try xml.raw("<c:crossAx val=\"50010\"/><c:crosses val=\"\(chart.horizontal ? "max" : "autoZero")\"/><c:crossBetween val=\"between\"/></c:valAx>")
        try xml.raw("</c:plotArea><c:plotVisOnly val=\"1\"/><c:dispBlanksAs val=\"gap\"/></c:chart></c:chartSpace>")
    }
}
