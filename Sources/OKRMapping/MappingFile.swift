import Foundation
import OKRCore
import SheetKit
import Yams

extension Mapping {
    /// The built-in mapping: every shipped language file of `mappings/`, one vocabulary per language,
    /// compiled in (`BuiltinVocabularies.generated.swift`).
    public static let auto = Mapping(name: "auto", vocabularies: BuiltinMappingFiles.vocabularies)

    /// The presets that ship (`mappings/preset-NAME.yaml`), by name: `viva-goals`.
    public static let presetNames: [String] = BuiltinMappingFiles.files.compactMap { file in
        guard file.name.hasPrefix("preset-"), file.name.hasSuffix(".yaml") else { return nil }
        return String(file.name.dropFirst("preset-".count).dropLast(".yaml".count))
    }

    /// Every shipped preset, parsed once.
    static let presets: [Mapping] = presetNames.compactMap(parsePreset(named:))

    /// A shipped preset by name (`viva-goals`), nil for an unknown name.
    public static func preset(named name: String) -> Mapping? {
        presets.first { $0.name == name }
    }

    private static func parsePreset(named name: String) -> Mapping? {
        guard let file = BuiltinMappingFiles.files.first(where: { $0.name == "preset-\(name).yaml" }) else { return nil }
        var mapping = try? MappingFile.parse(text: file.text, file: "mappings/" + file.name, base: .auto)
        mapping?.name = name
        return mapping
    }

    /// Reads a mapping file, or a shipped preset by name. Fields it does not list keep the built-in words
    /// of its language.
    ///
    /// - Throws: ``SheetError`` at the offending line for bad YAML, unknown keys or values.
    public static func load(path: String) throws -> Mapping {
        if !path.contains("/"), !path.hasSuffix(".yaml"), !path.hasSuffix(".yml") {
            if let preset = preset(named: path) { return preset }
            throw SheetError.io(SourceLocation(file: path),
                "no mapping file or preset called \"\(path)\"; presets: \(presetNames.joined(separator: ", "))")
        }
        let bytes = try readSmallFile(path, what: "mapping file")
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw SheetError.malformed(SourceLocation(file: path), "the mapping file is not UTF-8 text")
        }
        return try MappingFile.parse(text: text, file: path, base: .auto)
    }
}

/// The parser of mapping files (the YAML format documented in `mappings/en.yaml`).
enum MappingFile {
    static let topKeys = ["language", "locale", "sheet", "header_row", "fiscal_year_start", "fields", "levels", "types",
                          "statuses", "labels", "thresholds", "columns", "kpi_fields", "kpi_frequencies", "kpi_directions"]

    /// - Parameter base: the mapping whose words fill what the file leaves out (nil for the shipped files).
    static func parse(text: String, file: String, base: Mapping? = nil) throws -> Mapping {
        let doc = try YAMLDocument(text: text, file: file)
        let top = try doc.pairs(doc.root, what: "a mapping file")
        var language = "en"
        if let node = top.first(where: { $0.key == "language" })?.value {
            language = try doc.string(node, what: "language").lowercased()
            guard ["nl", "fr", "en"].contains(language) else { throw doc.error(node, "language should be nl, fr or en") }
        }
        var vocabulary = base?.vocabulary(language) ?? Vocabulary(language: language, locale: language)
        vocabulary.language = language
        var mapping = Mapping(name: file.split(separator: "/").last.map(String.init) ?? file, vocabularies: [])
        for (key, keyNode, value) in top {
            switch key {
            case "language": break
            case "locale":
                let locale = try doc.string(value, what: "locale")
                guard NumberLocale(identifier: locale) != nil else {
                    throw doc.error(value, "locale \"\(locale)\" is not one of nl-BE, nl-NL, fr-BE, fr-FR, en-GB, en-US")
                }
                vocabulary.locale = locale
                if base != nil { mapping.locale = locale }
            case "sheet":
                let sheet = try doc.string(value, what: "sheet")
                mapping.sheet = sheet.lowercased() == "auto" ? nil : sheet
            case "header_row":
                let text = try doc.string(value, what: "header_row")
                mapping.headerRow = text.lowercased() == "auto" ? nil : try doc.int(value, what: "header_row", in: 1...CellReference.maxRows)
            case "fiscal_year_start":
                mapping.fiscalYearStart = try doc.int(value, what: "fiscal_year_start", in: 1...12)
            case "fields":
                for (name, nameNode, list) in try doc.pairs(value, what: "fields") {
                    guard let field = OKRField(rawValue: name) else {
                        throw doc.unknownKey(nameNode, name, known: OKRField.allCases.map(\.rawValue), in: "fields")
                    }
                    let texts = try doc.strings(list, what: "fields.\(name)")
                    vocabulary.fields[field] = texts
                    // A header the file gives to this field no longer stands for another one of the base.
                    let claimed = Set(texts.map(\.folded))
                    for other in vocabulary.fields.keys where other != field {
                        vocabulary.fields[other]?.removeAll { claimed.contains($0.folded) }
                    }
                }
            case "kpi_fields":
                for (name, nameNode, list) in try doc.pairs(value, what: "kpi_fields") {
                    guard let field = KPIField(rawValue: name) else {
                        throw doc.unknownKey(nameNode, name, known: KPIField.allCases.map(\.rawValue), in: "kpi_fields")
                    }
                    let texts = try doc.strings(list, what: "kpi_fields.\(name)")
                    vocabulary.kpiFields[field] = texts
                    let claimed = Set(texts.map(\.folded))
                    for other in vocabulary.kpiFields.keys where other != field {
                        vocabulary.kpiFields[other]?.removeAll { claimed.contains($0.folded) }
                    }
                }
            case "kpi_frequencies":
                for (name, nameNode, list) in try doc.pairs(value, what: "kpi_frequencies") {
                    guard let frequency = KPIFrequency(rawValue: name) else {
                        throw doc.unknownKey(nameNode, name, known: KPIFrequency.allCases.map(\.rawValue), in: "kpi_frequencies")
                    }
                    vocabulary.kpiFrequencies[frequency] = try doc.strings(list, what: "kpi_frequencies.\(name)")
                }
            case "kpi_directions":
                for (name, nameNode, list) in try doc.pairs(value, what: "kpi_directions") {
                    guard let direction = KPIDirection(rawValue: name) else {
                        throw doc.unknownKey(nameNode, name, known: KPIDirection.allCases.map(\.rawValue), in: "kpi_directions")
                    }
                    vocabulary.kpiDirections[direction] = try doc.strings(list, what: "kpi_directions.\(name)")
                }
            case "columns":
                for (name, nameNode, letter) in try doc.pairs(value, what: "columns") {
                    guard let field = OKRField(rawValue: name) else {
                        throw doc.unknownKey(nameNode, name, known: OKRField.allCases.map(\.rawValue), in: "columns")
                    }
                    guard let column = CellReference.columnIndex(try doc.string(letter, what: "columns.\(name)")) else {
                        throw doc.error(letter, "columns.\(name) should be a column letter such as F")
                    }
                    mapping.columns[field] = column
                }
            case "levels":
                for (name, nameNode, list) in try doc.pairs(value, what: "levels") {
                    guard let level = Level(rawValue: name), level != .department else {
                        throw doc.unknownKey(nameNode, name, known: ["company", "team", "individual"], in: "levels")
                    }
                    vocabulary.levels[level] = try doc.strings(list, what: "levels.\(name)")
                }
            case "types":
                for (name, nameNode, list) in try doc.pairs(value, what: "types") {
                    guard let type = ObjectiveType(rawValue: name) else {
                        throw doc.unknownKey(nameNode, name, known: ObjectiveType.allCases.map(\.rawValue), in: "types")
                    }
                    vocabulary.types[type] = try doc.strings(list, what: "types.\(name)")
                }
            case "statuses", "labels":
                for (name, nameNode, list) in try doc.pairs(value, what: key) {
                    guard let status = Status(rawValue: name) else {
                        throw doc.unknownKey(nameNode, name, known: Status.allCases.map(\.rawValue), in: key)
                    }
                    if key == "statuses" {
                        vocabulary.statuses[status] = try doc.strings(list, what: "statuses.\(name)")
                    } else {
                        vocabulary.labels[status] = try doc.string(list, what: "labels.\(name)")
                    }
                }
            case "thresholds":
                for (name, nameNode, number) in try doc.pairs(value, what: "thresholds") {
                    let v = try doc.double(number, what: "thresholds.\(name)")
                    switch name {
                    case "on_track_gap": mapping.thresholds.onTrackGap = v
                    case "at_risk_gap": mapping.thresholds.atRiskGap = v
                    case "aspirational_factor": mapping.thresholds.aspirationalFactor = v
                    case "on_track_progress": mapping.thresholds.onTrackProgress = v
                    case "at_risk_progress": mapping.thresholds.atRiskProgress = v
                    default:
                        throw doc.unknownKey(nameNode, name, known: ["on_track_gap", "at_risk_gap", "aspirational_factor",
                                                                     "on_track_progress", "at_risk_progress"], in: "thresholds")
                    }
                }
            default:
                throw doc.unknownKey(keyNode, key, known: topKeys, in: "the mapping file")
            }
        }
        mapping.vocabularies = [vocabulary]
        return mapping
    }
}

/// Reads a small file whole (mapping and rules files; never sheets), with POSIX calls: Foundation's
/// file APIs cost about a millisecond a file here and word their errors for Cocoa.
///
/// - Parameter what: the kind of file, for messages (`rules file`).
/// - Throws: ``SheetError`` naming the file: cannot be opened or read (with the system's reason), or
///   larger than `limit`.
func readSmallFile(_ path: String, what: String, limit: Int = 16 << 20) throws -> [UInt8] {
    func failure(_ reason: Int32) -> SheetError {
        .io(SourceLocation(file: path), "cannot read the \(what): \(String(cString: strerror(reason)))")
    }
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw failure(errno) }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw failure(errno) }
    guard (info.st_mode & S_IFMT) != S_IFDIR else { throw failure(EISDIR) }
    func tooLarge(_ size: Int) -> SheetError {
        .limitExceeded(SourceLocation(file: path), limit: "the size of a mapping or rules file (\(limit >> 20) MiB)",
                       value: "\(size) bytes", howToRaise: "split the file")
    }
    guard Int(info.st_size) <= limit else { throw tooLarge(Int(info.st_size)) }
    // A pipe or a special file says size 0: read to the end, up to the limit.
    var bytes = [UInt8](repeating: 0, count: max(Int(info.st_size), 4096) + 1)
    var count = 0
    while true {
        if count == bytes.count {
            guard count <= limit else { throw tooLarge(count) }
            bytes.append(contentsOf: repeatElement(0, count: bytes.count))
        }
        let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + count, $0.count - count) }
        if n < 0 {
            if errno == EINTR { continue }
            throw failure(errno)
        }
        if n == 0 { break }
        count += n
    }
    guard count <= limit else { throw tooLarge(count) }
    bytes.removeSubrange(count...)
    return bytes
}
