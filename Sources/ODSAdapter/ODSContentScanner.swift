import SheetKit
import XMLPackage

/// The first, cheap pass over `content.xml`: the sheets (`table:table` at the top level, with their
/// `table:name` and `table:style-name`), the table styles that hide a sheet
/// (`style:table-properties table:display="false"` in the automatic styles) and the null date of the
/// calculation settings. It builds no cells.
///
/// Everything it needs comes before or at a sheet's start tag, so given the sheet count from `meta.xml`
/// it stops at the last sheet's start tag rather than parsing every row; without the count it parses
/// to the end.
final class ODSContentScanner: XMLContentHandler {
    /// A sheet as its start tag describes it.
    struct Table {
        var name: String
        var styleName: String?
    }

    private(set) var tables: [Table] = []
    private(set) var hiddenStyles: Set<String> = []
    /// `table:null-date/@table:date-value`, the day that serial 0 stands for.
    private(set) var nullDate: CivilDate?

    private let expectedTables: Int?
    private var tableNesting = 0
    private var currentStyle: String?
    private var currentStyleIsTable = false

    init(expectedTables: Int?) {
        self.expectedTables = expectedTables
    }

    /// Scans `content.xml` of `package`.
    ///
    /// - Parameters:
    ///   - package: the opened ODS package.
    ///   - expectedTables: the count from `meta.xml`, to stop early; nil to scan to the end.
    /// - Throws: ``SheetError`` for a corrupt entry or XML that is not well-formed.
    static func scan(_ package: ZipPackage, expectedTables: Int?) throws -> ODSContentScanner {
        let scanner = ODSContentScanner(expectedTables: expectedTables)
        do {
            try package.parseXML(entry: ODSReader.contentPart, namespaces: ODSNamespace.contentMap(),
                                  handler: scanner, location: SourceLocation(file: package.displayName))
        } catch is ODSStop {
            // Reached the last sheet that meta.xml announced.
        }
        return scanner
    }

    /// Whether the sheet uses a table style that hides it.
    func isHidden(_ table: Table) -> Bool {
        table.styleName.map { hiddenStyles.contains($0) } ?? false
    }

    func startElement(_ name: XMLName, attributes: XMLAttributes) throws {
        switch name.namespace {
        case ODSNamespace.table:
            if name.localName.equals("table") {
                tableNesting += 1
                guard tableNesting == 1 else { return }
                let tableName = attributes.value(of: "name", in: ODSNamespace.table).map(ODSValueParser.text) ?? "Sheet\(tables.count + 1)"
                let styleName = attributes.value(of: "style-name", in: ODSNamespace.table).map(ODSValueParser.text)
                tables.append(Table(name: tableName, styleName: styleName))
                if let expectedTables, tables.count >= expectedTables { throw ODSStop() }
            } else if tableNesting == 0, name.localName.equals("null-date") {
                if let text = attributes.value(of: "date-value", in: ODSNamespace.table),
                   case .date(let date)? = ODSValueParser.dateValue(text) {
                    nullDate = date
                }
            }
        case ODSNamespace.style:
            guard tableNesting == 0 else { return }
            if name.localName.equals("style") {
                currentStyle = attributes.value(of: "name", in: ODSNamespace.style).map(ODSValueParser.text)
                currentStyleIsTable = attributes.value(of: "family", in: ODSNamespace.style)?.equals("table") ?? false
            } else if name.localName.equals("table-properties"), currentStyleIsTable, let style = currentStyle,
                      attributes.value(of: "display", in: ODSNamespace.table)?.equals("false") ?? false {
                hiddenStyles.insert(style)
            }
        default:
            return
        }
    }

    func endElement(_ name: XMLName) throws {
        if name.namespace == ODSNamespace.table, name.localName.equals("table") {
            tableNesting = max(tableNesting - 1, 0)
        } else if name.namespace == ODSNamespace.style, name.localName.equals("style") {
            currentStyle = nil
            currentStyleIsTable = false
        }
    }

    func characters(_ text: UnsafeBufferPointer<UInt8>) throws {}
}
