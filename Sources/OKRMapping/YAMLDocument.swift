import SheetKit
import Yams

/// A YAML file read for its structure, so that every error can name its line (`rules.yaml:14: error: …`).
/// Mapping and rules files both go through here.
struct YAMLDocument {
    let file: String
    let root: Node

    /// Parses `text`.
    ///
    /// - Throws: ``SheetError/malformed(_:_:)`` at the line where the YAML breaks.
    init(text: String, file: String) throws {
        self.file = file
        do {
            // Scalars are read as text and interpreted here, so no tag needs resolving: the basic
            // resolver spares compiling Yams's default regular expressions (about 1.5 ms a run).
            guard let node = try Yams.compose(yaml: text, .basic) else {
                throw SheetError.malformed(SourceLocation(file: file), "the file is empty")
            }
            root = node
        } catch let error as YamlError {
            throw SheetError.malformed(YAMLDocument.location(of: error, file: file), YAMLDocument.problem(of: error))
        }
    }

    static func location(of error: YamlError, file: String) -> SourceLocation {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return .text(file, line: mark.line, column: mark.column)
        case .duplicatedKeysInMapping(_, let context):
            return .text(file, line: context.mark.line, column: context.mark.column)
        default:
            return SourceLocation(file: file)
        }
    }

    static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _), .composer(let context, let problem, _, _):
            return "not valid YAML: \(problem)" + (context.map { " \($0.text)" } ?? "")
        case .duplicatedKeysInMapping(let duplicates, _):
            return "a key appears twice: \(duplicates.joined(separator: ", "))"
        default:
            return "not valid YAML: \(error)"
        }
    }

    /// The location of a node.
    func location(_ node: Node) -> SourceLocation {
        guard let mark = node.mark else { return SourceLocation(file: file) }
        return .text(file, line: mark.line)
    }

    func error(_ node: Node, _ message: String) -> SheetError {
        .malformed(location(node), message)
    }

    /// The pairs of a mapping node, keys as strings; an error for anything else.
    func pairs(_ node: Node, what: String) throws -> [(key: String, keyNode: Node, value: Node)] {
        guard case .mapping(let mapping) = node else { throw error(node, "\(what) should be a list of `name: value` lines") }
        return try mapping.map { pair in
            guard let key = pair.key.string else { throw error(pair.key, "a key in \(what) should be a plain word") }
            return (key, pair.key, pair.value)
        }
    }

    /// A list of strings, also accepting a single string.
    func strings(_ node: Node, what: String) throws -> [String] {
        switch node {
        case .scalar(let s): return s.string.isEmpty ? [] : [s.string]
        case .sequence(let seq):
            return try seq.map { item in
                guard let s = item.string else { throw error(item, "\(what) should list plain texts") }
                return s
            }
        default:
            throw error(node, "\(what) should be a text or a list such as [A, B]")
        }
    }

    func string(_ node: Node, what: String) throws -> String {
        guard case .scalar(let s) = node else { throw error(node, "\(what) should be a single value") }
        return s.string
    }

    func int(_ node: Node, what: String, in range: ClosedRange<Int>) throws -> Int {
        guard let value = Int(try string(node, what: what)), range.contains(value) else {
            throw error(node, "\(what) should be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    func double(_ node: Node, what: String) throws -> Double {
        guard let value = Double(try string(node, what: what)), value.isFinite else {
            throw error(node, "\(what) should be a number such as 0.25")
        }
        return value
    }

    /// An error for a key nobody reads, naming the keys that are known.
    func unknownKey(_ node: Node, _ key: String, known: [String], in what: String) -> SheetError {
        error(node, "unknown key \"\(key)\" in \(what); known keys: \(known.joined(separator: ", "))")
    }
}
