import SheetKit
import XMLPackage

/// The per-sheet layout of ``XLSXSheetLayout`` written into the worksheet part, before and after its rows.
extension XLSXWriter {
    /// Writes one row whose cells carry a full ``XLSXCellFormat`` (fonts, borders, alignment…).
    ///
    /// - Throws: ``SheetError`` when rows do not ascend, a limit is passed, or no sheet is begun.
    public func write(_ row: XLSXRow) throws {
        let xml = try startRow(row.index)
        guard !row.cells.isEmpty || row.hidden || row.height != nil else { return }
        var attributes = "r=\"\(row.index + 1)\""
        if let height = row.height { attributes += " ht=\"\(CellValue.numberText(height))\" customHeight=\"1\"" }
        if row.hidden { attributes += " hidden=\"1\"" }
        try xml.raw("<row \(attributes)>")
        var lastColumn = -1
        for cell in row.cells {
            guard cell.column > lastColumn, cell.column < CellReference.maxColumns else {
                throw SheetError.invalidRequest(location(row: row.index, column: cell.column),
                                                "cells must come in ascending columns, within XFD")
            }
            lastColumn = cell.column
            var format = cell.format ?? .standard
            if let needed = XLSXWriter.defaultFormat(for: cell.value), format.numberFormat.map({ NumberFormat.classify($0) == .number }) ?? true {
                format.numberFormat = needed
            }
            try write(column: cell.column, value: cell.value, formula: cell.formula, xf: styles.xf(format), row: row.index, to: xml)
        }
        try xml.raw("</row>")
    }

    /// `sheetPr`, `sheetViews` and `cols`: what CT_Worksheet puts before `sheetData`.
    func writeHead(_ layout: XLSXSheetLayout, to xml: XMLTextWriter) throws {
        if layout.print?.fitsToPage == true {
            try xml.raw("<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>")
        }
        let first = sheets.count == 1
        if layout.frozenRows > 0 || layout.frozenColumns > 0 || !layout.showGridLines {
            var view = "<sheetView workbookViewId=\"0\""
            if !layout.showGridLines { view += " showGridLines=\"0\"" }
            if first { view += " tabSelected=\"1\"" }
            try xml.raw("<sheetViews>" + view)
            if layout.frozenRows > 0 || layout.frozenColumns > 0 {
                let topLeft = CellReference(row: layout.frozenRows, column: layout.frozenColumns)
                let pane = layout.frozenRows > 0 && layout.frozenColumns > 0 ? "bottomRight" : (layout.frozenRows > 0 ? "bottomLeft" : "topRight")
                var split = ""
                if layout.frozenColumns > 0 { split += " xSplit=\"\(layout.frozenColumns)\"" }
                if layout.frozenRows > 0 { split += " ySplit=\"\(layout.frozenRows)\"" }
                try xml.raw("><pane\(split) topLeftCell=\"\(topLeft)\" activePane=\"\(pane)\" state=\"frozen\"/>")
                try xml.raw("<selection pane=\"\(pane)\" activeCell=\"\(topLeft)\" sqref=\"\(topLeft)\"/></sheetView></sheetViews>")
            } else {
                try xml.raw("/></sheetViews>")
            }
        }
        let widths = layout.columnWidths.enumerated().compactMap { i, w in w.map { (i, $0) } }
        if !widths.isEmpty {
            try xml.raw("<cols>")
            for (i, width) in widths {
                let w = (max(0, min(255, width)) * 256).rounded() / 256
                try xml.raw("<col min=\"\(i + 1)\" max=\"\(i + 1)\" width=\"\(CellValue.numberText(w))\" customWidth=\"1\"/>")
            }
            try xml.raw("</cols>")
        }
    }

    /// Everything CT_Worksheet puts after `sheetData`, in its order: autoFilter, mergeCells,
    /// conditionalFormatting, dataValidations, printOptions, pageMargins, pageSetup, headerFooter, rowBreaks, drawing,
    /// extLst.
    func writeTail(_ layout: XLSXSheetLayout, merges: [CellRange], sheetIndex: Int, to xml: XMLTextWriter) throws {
        if let filter = layout.autoFilter { try xml.raw("<autoFilter ref=\"\(filter)\"/>") }
        if !merges.isEmpty {
            try xml.raw("<mergeCells count=\"\(merges.count)\">")
            for merge in merges { try xml.raw("<mergeCell ref=\"\(merge)\"/>") }
            try xml.raw("</mergeCells>")
        }
        var priority = 1
        var dataBars: [(id: String, range: CellRange, minimum: Double, maximum: Double, color: String)] = []
        for format in layout.conditionalFormats {
            try xml.raw("<conditionalFormatting sqref=\"\(format.range)\">")
            switch format.rule {
            case .cellIs(let op, let formula, let look):
                try xml.raw("<cfRule type=\"cellIs\" dxfId=\"\(styles.dxf(look))\" priority=\"\(priority)\" operator=\"\(op)\"><formula>")
                try xml.text(formula)
                try xml.raw("</formula></cfRule>")
            case .expression(let formula, let look):
                try xml.raw("<cfRule type=\"expression\" dxfId=\"\(styles.dxf(look))\" priority=\"\(priority)\"><formula>")
                try xml.text(formula)
                try xml.raw("</formula></cfRule>")
            case .dataBar(let minimum, let maximum, let color):
                let id = XLSXWriter.guid(sheet: sheetIndex, rule: dataBars.count)
                dataBars.append((id, format.range, minimum, maximum, color))
                try xml.raw("<cfRule type=\"dataBar\" priority=\"\(priority)\"><dataBar>")
                try xml.raw("<cfvo type=\"num\" val=\"\(CellValue.numberText(minimum))\"/><cfvo type=\"num\" val=\"\(CellValue.numberText(maximum))\"/>")
                try xml.raw("<color rgb=\"FF\(color)\"/></dataBar><extLst><ext uri=\"{B025F937-C7B1-47D3-B67F-A62EFF666E3E}\" ")
                try xml.raw("xmlns:x14=\"\(XLSXWriter.x14)\"><x14:id>\(id)</x14:id></ext></extLst></cfRule>")
            }
            try xml.raw("</conditionalFormatting>")
            priority += 1
        }
        if !layout.dataValidations.isEmpty {
            try xml.raw("<dataValidations count=\"\(layout.dataValidations.count)\">")
            for validation in layout.dataValidations {
                try xml.raw("<dataValidation type=\"list\" errorStyle=\"\(validation.strict ? "stop" : "warning")\" allowBlank=\"1\" ")
                try xml.raw("showInputMessage=\"1\" showErrorMessage=\"1\" sqref=\"\(validation.range)\"><formula1>")
                try xml.text(validation.formula)
                try xml.raw("</formula1></dataValidation>")
            }
            try xml.raw("</dataValidations>")
        }
        if layout.print != nil { try xml.raw("<printOptions horizontalCentered=\"1\"/>") }
        try xml.raw(#"<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>"#)
        if let print = layout.print {
            var setup = "<pageSetup paperSize=\"\(print.paperSize)\" orientation=\"\(print.landscape ? "landscape" : "portrait")\""
            if print.fitsToPage { setup += " fitToWidth=\"\(print.fitToWidth)\" fitToHeight=\"\(print.fitToHeight)\"" }
            try xml.raw(setup + "/>")
            if print.header != nil || print.footer != nil {
                try xml.raw("<headerFooter>")
                if let header = print.header {
                    try xml.raw("<oddHeader>")
                    try xml.text(header)
                    try xml.raw("</oddHeader>")
                }
                if let footer = print.footer {
                    try xml.raw("<oddFooter>")
                    try xml.text(footer)
                    try xml.raw("</oddFooter>")
                }
                try xml.raw("</headerFooter>")
            }
        }
        let breaks = layout.pageBreaksBefore.filter { $0 > 0 }.sorted()
        if !breaks.isEmpty {
            try xml.raw("<rowBreaks count=\"\(breaks.count)\" manualBreakCount=\"\(breaks.count)\">")
            for row in breaks { try xml.raw("<brk id=\"\(row)\" max=\"16383\" man=\"1\"/>") }
            try xml.raw("</rowBreaks>")
        }
        if layout.chart != nil { try xml.raw("<drawing r:id=\"rId1\"/>") }
        guard !dataBars.isEmpty || !layout.sparklines.isEmpty else { return }
        try xml.raw("<extLst>")
        if !dataBars.isEmpty {
            try xml.raw("<ext uri=\"{78C0D931-6437-407d-A8EE-F0AAD7539E65}\" xmlns:x14=\"\(XLSXWriter.x14)\"><x14:conditionalFormattings>")
            for bar in dataBars {
                try xml.raw("<x14:conditionalFormatting xmlns:xm=\"http://schemas.microsoft.com/office/excel/2006/main\">")
                try xml.raw("<x14:cfRule type=\"dataBar\" id=\"\(bar.id)\"><x14:dataBar minLength=\"0\" maxLength=\"100\" border=\"1\" gradient=\"0\">")
                try xml.raw("<x14:cfvo type=\"num\"><xm:f>\(CellValue.numberText(bar.minimum))</xm:f></x14:cfvo>")
                try xml.raw("<x14:cfvo type=\"num\"><xm:f>\(CellValue.numberText(bar.maximum))</xm:f></x14:cfvo>")
                try xml.raw("<x14:borderColor rgb=\"FF\(bar.color)\"/><x14:negativeFillColor rgb=\"FFFF0000\"/>")
                try xml.raw("<x14:negativeBorderColor rgb=\"FFFF0000\"/><x14:axisColor rgb=\"FF000000\"/></x14:dataBar></x14:cfRule>")
                try xml.raw("<xm:sqref>\(bar.range)</xm:sqref></x14:conditionalFormatting>")
            }
            try xml.raw("</x14:conditionalFormattings></ext>")
        }
        if !layout.sparklines.isEmpty {
            let color = "FF" + layout.sparklineColor
            try xml.raw("<ext uri=\"{05C60535-1F16-4fd2-B633-F4F36F0B64E0}\" xmlns:x14=\"\(XLSXWriter.x14)\">")
            try xml.raw("<x14:sparklineGroups xmlns:xm=\"http://schemas.microsoft.com/office/excel/2006/main\">")
            try xml.raw("<x14:sparklineGroup displayEmptyCellsAs=\"gap\" markers=\"1\"><x14:colorSeries rgb=\"\(color)\"/>")
            try xml.raw("<x14:colorNegative rgb=\"FFD00000\"/><x14:colorAxis rgb=\"FF000000\"/><x14:colorMarkers rgb=\"\(color)\"/>")
            try xml.raw("<x14:colorFirst rgb=\"\(color)\"/><x14:colorLast rgb=\"\(color)\"/><x14:colorHigh rgb=\"\(color)\"/><x14:colorLow rgb=\"\(color)\"/>")
            try xml.raw("<x14:sparklines>")
            for sparkline in layout.sparklines {
                try xml.raw("<x14:sparkline><xm:f>")
                try xml.text(XLSXPackageParts.quoted(sheet: sparkline.sheet) + "!" + sparkline.data.description)
                try xml.raw("</xm:f><xm:sqref>\(sparkline.location)</xm:sqref></x14:sparkline>")
            }
            try xml.raw("</x14:sparklines></x14:sparklineGroup></x14:sparklineGroups></ext>")
        }
        try xml.raw("</extLst>")
    }

    static let x14 = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"

    /// A stable GUID linking a data bar's 2007 rule to its x14 extension (same input, same bytes).
    static func guid(sheet: Int, rule: Int) -> String {
        let tail = String(sheet * 1000 + rule + 1)
        return "{0E5A7C1D-0B0A-4D00-8000-" + String(repeating: "0", count: 12 - tail.count) + tail + "}"
    }

    /// `_xlnm.Print_Titles` and `_xlnm._FilterDatabase` of the sheets that have them.
    var definedNames: [XLSXPackageParts.DefinedName] {
        var names: [XLSXPackageParts.DefinedName] = []
        for (i, (sheet, layout)) in Swift.zip(sheets, layouts).enumerated() {
            let quoted = XLSXPackageParts.quoted(sheet: sheet.name)
            if let filter = layout.autoFilter {
                names.append(.init(name: "_xlnm._FilterDatabase", sheet: i, hidden: true,
                                   value: "\(quoted)!$\(filter.first.columnName)$\(filter.first.row + 1):$\(filter.last.columnName)$\(filter.last.row + 1)"))
            }
            if let rows = layout.print?.titleRows {
                names.append(.init(name: "_xlnm.Print_Titles", sheet: i, hidden: false, value: "\(quoted)!$\(rows.lowerBound + 1):$\(rows.upperBound + 1)"))
            }
        }
        return names
    }

    /// The 0-based indexes of the sheets with a chart; chart n (1-based) belongs to the n-th of them.
    var chartSheets: [Int] { layouts.indices.filter { layouts[$0].chart != nil } }

    /// The drawing and chart parts of every sheet with a chart, and the sheets' relationships to them.
    func writeCharts() throws {
        for (n, sheet) in chartSheets.enumerated() {
            guard let chart = layouts[sheet].chart else { continue }
            try part("xl/worksheets/_rels/sheet\(sheet + 1).xml.rels") { try XLSXDrawingParts.sheetRelationships($0, drawing: n + 1) }
            try part("xl/drawings/drawing\(n + 1).xml") { try XLSXDrawingParts.drawing($0, anchor: chart.anchor) }
            try part("xl/drawings/_rels/drawing\(n + 1).xml.rels") { try XLSXDrawingParts.drawingRelationships($0, chart: n + 1) }
            try part("xl/charts/chart\(n + 1).xml") { try XLSXDrawingParts.chart($0, chart) }
        }
    }
}
