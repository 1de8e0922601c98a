/// The file formats okrsheet reads or writes.
public enum FileFormat: String, Sendable, Hashable, CaseIterable {
    case csv, tsv, xlsx, xlsm, ods, json, markdown

    /// The format an output path asks for by its extension (outputs follow the extension).
    public init?(pathExtension ext: String) {
        switch ext.lowercased() {
        case "csv", "txt": self = .csv
        case "tsv", "tab": self = .tsv
        case "xlsx": self = .xlsx
        case "xlsm": self = .xlsm
        case "ods": self = .ods
        case "json": self = .json
        case "md", "markdown": self = .markdown
        default: return nil
        }
    }

    /// Whether a file named with `ext` could hold this format (for the "name contradicts bytes" warning).
    public func matches(pathExtension ext: String) -> Bool {
        let ext = ext.lowercased()
        switch self {
        case .csv, .tsv: return ["csv", "tsv", "txt", "tab", "dat", "prn", ""].contains(ext)
        case .xlsx, .xlsm: return ["xlsx", "xlsm", "xltx", "xltm"].contains(ext)
        case .ods: return ["ods", "ots"].contains(ext)
        case .json: return ext == "json"
        case .markdown: return ["md", "markdown"].contains(ext)
        }
    }
}

/// What the first bytes of a file say it is.
public enum SniffedContainer: Sendable, Hashable {
    /// A ZIP archive: XLSX or ODS, told apart by its entries.
    case zip
    /// Text: read as CSV.
    case text
    /// Something okrsheet does not read; the text names it.
    case refused(String)
}

/// Format detection by magic bytes, never by name.
public enum FormatSniffer {
    /// How many leading bytes ``sniff(_:)`` wants to see.
    public static let prefixLength = 4096

    /// Classifies a file by its first bytes (at least ``prefixLength`` of them when the file is longer).
    public static func sniff(_ prefix: [UInt8]) -> SniffedContainer {
        func starts(_ magic: [UInt8]) -> Bool { prefix.starts(with: magic) }
        if starts([0x50, 0x4B, 0x03, 0x04]) || starts([0x50, 0x4B, 0x05, 0x06]) { return .zip }
        if starts(cfbMagic) { return .refused(describeCompoundFile(prefix)) }
        if starts([0xFF, 0xFE]) || starts([0xFE, 0xFF]) || starts([0xEF, 0xBB, 0xBF]) {
            return markupKind(prefix) ?? .text
        }
        let binary: [([UInt8], String)] = [
            ([0x89, 0x50, 0x4E, 0x47], "a PNG image"),
            ([0xFF, 0xD8, 0xFF], "a JPEG image"),
            ([0x47, 0x49, 0x46, 0x38], "a GIF image"),
            ([0x25, 0x50, 0x44, 0x46], "a PDF document"),
            ([0x1F, 0x8B], "gzip-compressed data"),
            ([0x37, 0x7A, 0xBC, 0xAF], "a 7-Zip archive"),
            ([0x52, 0x61, 0x72, 0x21], "a RAR archive"),
            ([0x09, 0x08], "a legacy Excel BIFF file"),
            ([0x7F, 0x45, 0x4C, 0x46], "an executable (ELF)"),
        ]
        for (magic, what) in binary where starts(magic) {
            return .refused("\(what), not a spreadsheet")
        }
        if let markup = markupKind(prefix) { return markup }
        // Mostly control bytes: binary data. A stray NUL in text is left to the CSV reader to locate.
        var control = 0
        for b in prefix where b < 0x09 || (b > 0x0D && b < 0x20) { control += 1 }
        if !prefix.isEmpty, control * 10 > prefix.count {
            return .refused("binary data of an unknown kind, not a spreadsheet")
        }
        return .text
    }

    /// The magic number of an OLE2 / Compound File Binary container.
    public static let cfbMagic: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    /// What an OLE2/CFB container holds, told by the stream names in its directory (UTF-16LE):
    /// an encrypted OOXML package, a legacy BIFF workbook, or something else.
    ///
    /// - Parameter bytes: as much of the file as is at hand (the directory is rarely far in).
    public static func describeCompoundFile(_ bytes: [UInt8]) -> String {
        func has(_ name: String) -> Bool {
            let needle: [UInt8] = name.utf8.flatMap { [$0, UInt8(0)] }
            guard needle.count <= bytes.count else { return false }
            var i = 0
            while let j = bytes[i...].firstIndex(of: needle[0]), j + needle.count <= bytes.count {
                if bytes[j..<(j + needle.count)].elementsEqual(needle) { return true }
                i = j + 1
            }
            return false
        }
        if has("EncryptedPackage") || has("EncryptionInfo") {
            return "a password-protected (encrypted) workbook; remove the password in Excel "
                + "(File > Info > Protect Workbook) or LibreOffice and save it again"
        }
        if has("Workbook") || has("Book") {
            return "a legacy Excel 97-2003 workbook (.xls, BIFF), which okrsheet does not read; "
                + "open it in Excel or LibreOffice and save it as .xlsx"
        }
        return "an OLE2/CFB container (a password-protected workbook or a legacy .xls); "
            + "open it in Excel or LibreOffice and save it as .xlsx"
    }

    /// HTML or XML that finance systems save with an `.xls` name.
    static func markupKind(_ prefix: [UInt8]) -> SniffedContainer? {
        // Decode the start loosely: UTF-16 as every other byte, BOM and leading blanks skipped.
        var bytes = prefix
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let offset = bytes[0] == 0xFF ? 2 : 3
            bytes = stride(from: offset, to: bytes.count, by: 2).map { bytes[$0] }
        }
        let text = String(decoding: bytes.prefix(2048), as: UTF8.self).lowercased()
        let trimmed = text.drop { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }
        guard trimmed.hasPrefix("<") else { return nil }
        if trimmed.hasPrefix("<!doctype html") || trimmed.hasPrefix("<html") || trimmed.hasPrefix("<table")
            || trimmed.hasPrefix("<head") || (trimmed.hasPrefix("<!--") && text.contains("<html")) {
            return .refused("an HTML page (finance systems often save one as .xls), not a spreadsheet; "
                + "open it in Excel or LibreOffice and save it as .xlsx or .csv")
        }
        if trimmed.hasPrefix("<?xml") || trimmed.hasPrefix("<workbook") {
            if text.contains("urn:schemas-microsoft-com:office:spreadsheet") || text.contains("<?mso-application progid=\"excel.sheet\"") {
                return .refused("a SpreadsheetML 2003 XML file (Excel 2003 \"XML Spreadsheet\"), which okrsheet does not read; "
                    + "open it in Excel or LibreOffice and save it as .xlsx")
            }
            if text.contains("<html") {
                return .refused("an XHTML page, not a spreadsheet; save it as .xlsx or .csv")
            }
            return .refused("an XML document, not a spreadsheet")
        }
        return nil
    }
}
