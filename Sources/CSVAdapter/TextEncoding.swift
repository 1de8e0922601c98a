/// The text encodings a CSV file is read in; written CSV is always UTF-8.
public enum TextEncoding: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case utf8 = "utf-8"
    /// Excel's "Unicode text" (with a byte order mark `FF FE`).
    case utf16le = "utf-16le"
    case utf16be = "utf-16be"
    /// What Excel on a western Windows PC writes as "CSV"; Latin-1 names map here.
    case windows1252 = "windows-1252"

    /// The encoding called `name`, accepting the usual aliases: `utf8`, `UTF-8`, `utf-16` (little
    /// endian unless a byte order mark says otherwise), `unicode`, `cp1252`, `ansi`, `latin1`,
    /// `iso-8859-1`.
    public init?(name: String) {
        let key = name.lowercased().replacingUnderscores()
        switch key {
        case "utf-8", "utf8", "utf-8-sig", "utf8-sig": self = .utf8
        case "utf-16le", "utf16le", "utf-16-le", "utf-16", "utf16", "unicode", "ucs-2", "ucs-2le": self = .utf16le
        case "utf-16be", "utf16be", "utf-16-be", "ucs-2be": self = .utf16be
        case "windows-1252", "windows1252", "cp1252", "cp-1252", "win-1252", "win1252", "ansi",
             "latin1", "latin-1", "iso-8859-1", "iso8859-1", "iso-latin-1", "l1":
            self = .windows1252
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .utf8: return "UTF-8"
        case .utf16le: return "UTF-16LE"
        case .utf16be: return "UTF-16BE"
        case .windows1252: return "Windows-1252"
        }
    }

    /// The byte order mark of this encoding.
    var byteOrderMark: [UInt8] {
        switch self {
        case .utf8: return [0xEF, 0xBB, 0xBF]
        case .utf16le: return [0xFF, 0xFE]
        case .utf16be: return [0xFE, 0xFF]
        case .windows1252: return []
        }
    }

    /// The encoding a byte order mark at the start of `prefix` announces.
    static func fromByteOrderMark(_ prefix: [UInt8]) -> TextEncoding? {
        if prefix.starts(with: [0xEF, 0xBB, 0xBF]) { return .utf8 }
        if prefix.starts(with: [0xFF, 0xFE]) { return .utf16le }
        if prefix.starts(with: [0xFE, 0xFF]) { return .utf16be }
        return nil
    }

    /// UTF-16 without a byte order mark, recognised by its zero bytes (ASCII text as `a\0b\0`).
    static func sniffUTF16(_ prefix: [UInt8]) -> TextEncoding? {
        let n = min(prefix.count, 4096) & ~1
        guard n >= 4 else { return nil }
        var evenZeros = 0, oddZeros = 0
        for i in stride(from: 0, to: n, by: 2) {
            if prefix[i] == 0 { evenZeros += 1 }
            if prefix[i + 1] == 0 { oddZeros += 1 }
        }
        let units = n / 2
        if evenZeros == 0, oddZeros * 5 >= units * 2 { return .utf16le }
        if oddZeros == 0, evenZeros * 5 >= units * 2 { return .utf16be }
        return nil
    }
}

extension String {
    fileprivate func replacingUnderscores() -> String {
        String(map { $0 == "_" ? "-" : $0 })
    }
}
