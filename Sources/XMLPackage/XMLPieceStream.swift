import SheetKit

/// Cuts a streamed XML part into the pieces it is written as, byte for byte: runs of text, tags from `<`
/// to `>`, comments, processing instructions and CDATA sections. The patchers copy most pieces as they
/// are and rewrite the few elements they change, so everything else stays byte-identical.
///
/// A piece never spans a chunk boundary as far as the handler sees: a tag split over two chunks is
/// handed over once, whole. A DOCTYPE is refused, as everywhere in okrsheet.
///
/// ```swift
/// let pieces = XMLPieceStream(location: SourceLocation(file: "book.xlsx"))
/// try pieces.feed(chunk) { piece in
///     if let tag = piece.tag, tag.isStart, tag.localNameIs("c") { … }
///     try out.raw(bytes: piece.bytes)
/// }
/// try pieces.finish { try out.raw(bytes: $0.bytes) }
/// ```
public final class XMLPieceStream {
    private var buffer: [UInt8] = []
    private var start = 0
    private let location: SourceLocation

    public init(location: SourceLocation) {
        self.location = location
    }

    /// Adds a chunk and hands over every piece that is now complete.
    public func feed(_ chunk: UnsafeRawBufferPointer, _ handle: (XMLPiece) throws -> Void) throws {
        buffer.append(contentsOf: chunk)
        try drain(atEnd: false, handle)
        if start > 0 && start * 2 >= buffer.count {
            buffer.removeSubrange(0..<start)
            start = 0
        }
    }

    /// Hands over what is left; markup cut off by the end of the part is an error.
    public func finish(_ handle: (XMLPiece) throws -> Void) throws {
        try drain(atEnd: true, handle)
        buffer.removeAll()
        start = 0
    }

    private func drain(atEnd: Bool, _ handle: (XMLPiece) throws -> Void) throws {
        try buffer.withUnsafeBufferPointer { b in
            while start < b.count {
                let end: Int
                let isText = b[start] != UInt8(ascii: "<")
                if isText {
                    var j = start + 1
                    while j < b.count, b[j] != UInt8(ascii: "<") { j += 1 }
                    end = j
                } else {
                    guard let e = try markupEnd(b, from: start, atEnd: atEnd) else { return }
                    end = e
                }
                let piece = XMLPiece(bytes: UnsafeBufferPointer(rebasing: b[start..<end]), isText: isText)
                start = end
                try handle(piece)
            }
        }
    }

    /// The end of the markup at `i` (just past its `>`), or nil when the buffer ends first.
    private func markupEnd(_ b: UnsafeBufferPointer<UInt8>, from i: Int, atEnd: Bool) throws -> Int? {
        func find(_ terminator: [UInt8], from k: Int) -> Int? {
            var j = k
            while j + terminator.count <= b.count {
                if b[j] == terminator[0] {
                    var match = true
                    for t in 1..<terminator.count where b[j + t] != terminator[t] { match = false; break }
                    if match { return j + terminator.count }
                }
                j += 1
            }
            return nil
        }
        func cutOff() throws -> Int? {
            if atEnd { throw SheetError.malformed(location, "the XML ends inside a tag (truncated or corrupt)") }
            return nil
        }
        guard i + 1 < b.count else { return try cutOff() }
        let second = b[i + 1]
        if second == UInt8(ascii: "!") {
            if b.count - i < 9 && !atEnd { return nil }
            if b.count - i >= 4, b[i + 2] == UInt8(ascii: "-"), b[i + 3] == UInt8(ascii: "-") {
                return try find(Array("-->".utf8), from: i + 4) ?? cutOff()
            }
            if b.count - i >= 9, Array(b[(i + 2)..<(i + 9)]) == Array("[CDATA[".utf8) {
                return try find(Array("]]>".utf8), from: i + 9) ?? cutOff()
            }
            throw SheetError.malformed(location, "the XML declares a DOCTYPE, which okrsheet refuses (it could expand entities or read other files)")
        }
        if second == UInt8(ascii: "?") {
            return try find(Array("?>".utf8), from: i + 2) ?? cutOff()
        }
        var quote: UInt8 = 0
        var j = i + 1
        while j < b.count {
            let c = b[j]
            if quote != 0 {
                if c == quote { quote = 0 }
            } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                quote = c
            } else if c == UInt8(ascii: ">") {
                return j + 1
            }
            j += 1
        }
        return try cutOff()
    }
}

/// One piece of a part as written (see ``XMLPieceStream``), valid only during the handler's call.
public struct XMLPiece {
    /// The bytes, exactly as in the part.
    public let bytes: UnsafeBufferPointer<UInt8>
    /// Whether the piece is character data rather than markup.
    public let isText: Bool

    /// The piece as a tag, when it is a start, end or empty-element tag.
    public var tag: XMLTag? {
        guard !isText, bytes.count >= 3 else { return nil }
        let second = bytes[1]
        if second == UInt8(ascii: "!") || second == UInt8(ascii: "?") { return nil }
        return XMLTag(bytes: bytes)
    }
}

/// A tag as written: `<x:c r="B2" s="3">`, `</row>` or `<c r="B2"/>`.
public struct XMLTag {
    /// The whole tag, `<` to `>`.
    public let bytes: UnsafeBufferPointer<UInt8>
    /// `</…>`.
    public let isEnd: Bool
    /// `<…/>`.
    public let isEmptyElement: Bool
    /// Where the qualified name ends.
    private let nameEnd: Int
    /// Where the local name starts (after the prefix's colon).
    private let localStart: Int

    public init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        isEnd = bytes[1] == UInt8(ascii: "/")
        isEmptyElement = !isEnd && bytes.count >= 2 && bytes[bytes.count - 2] == UInt8(ascii: "/")
        let nameStart = isEnd ? 2 : 1
        var j = nameStart, colon = -1
        while j < bytes.count {
            let c = bytes[j]
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == UInt8(ascii: "/") || c == UInt8(ascii: ">") { break }
            if c == UInt8(ascii: ":") { colon = j }
            j += 1
        }
        nameEnd = j
        localStart = colon >= 0 ? colon + 1 : nameStart
    }

    /// A start or empty-element tag.
    public var isStart: Bool { !isEnd }

    /// Whether the local name (without prefix) is `name`.
    public func localNameIs(_ name: StaticString) -> Bool {
        guard nameEnd - localStart == name.utf8CodeUnitCount else { return false }
        let other = name.utf8Start
        for k in 0..<(nameEnd - localStart) where bytes[localStart + k] != other[k] { return false }
        return true
    }

    /// The qualified name as written (`table:table-cell`).
    public var qualifiedName: String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[(isEnd ? 2 : 1)..<nameEnd]), as: UTF8.self)
    }

    /// The local name as a string (for the rare lookups by set; prefer ``localNameIs(_:)``).
    public var localName: String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[localStart..<nameEnd]), as: UTF8.self)
    }

    /// The element's prefix with its colon (`x:`), or "" for none.
    public var prefix: String {
        let nameStart = isEnd ? 2 : 1
        return localStart > nameStart ? String(decoding: UnsafeBufferPointer(rebasing: bytes[nameStart..<localStart]), as: UTF8.self) : ""
    }

    /// Whether the element's prefix (without colon) is `prefix` ("" for none).
    public func prefixIs(_ prefix: [UInt8]) -> Bool {
        let nameStart = isEnd ? 2 : 1
        let length = localStart > nameStart ? localStart - nameStart - 1 : 0
        guard length == prefix.count else { return false }
        for k in 0..<length where bytes[nameStart + k] != prefix[k] { return false }
        return true
    }

    /// The value of the attribute called `name`, or else of one called `prefix:name` (some writers
    /// qualify SpreadsheetML's own attributes), as written.
    public func attribute(local name: StaticString) -> UnsafeBufferPointer<UInt8>? {
        if let value = attribute(name) { return value }
        var found: UnsafeBufferPointer<UInt8>?
        forEachAttribute { attributeName, value in
            guard found == nil, let colon = attributeName.lastIndex(of: UInt8(ascii: ":")),
                  attributeName.count - colon - 1 == name.utf8CodeUnitCount else { return }
            let other = name.utf8Start
            for k in 0..<name.utf8CodeUnitCount where attributeName[colon + 1 + k] != other[k] { return }
            if attributeName.starts(with: Array("xmlns".utf8)) { return }
            found = value
        }
        return found
    }

    /// The value of the attribute with this exact qualified name, as written (entities not decoded).
    public func attribute(_ name: StaticString) -> UnsafeBufferPointer<UInt8>? {
        var found: UnsafeBufferPointer<UInt8>?
        forEachAttribute { attributeName, value in
            guard found == nil, attributeName.count == name.utf8CodeUnitCount else { return }
            let other = name.utf8Start
            for k in 0..<attributeName.count where attributeName[k] != other[k] { return }
            found = value
        }
        return found
    }

    /// The value of an attribute as a string, entities decoded.
    public func attributeString(_ name: StaticString) -> String? {
        attribute(name).map { XMLTag.decodeEntities($0) }
    }

    /// Calls `body` with each attribute's qualified name and raw value, in order.
    public func forEachAttribute(_ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> Void) {
        guard !isEnd else { return }
        var j = nameEnd
        let end = bytes.count
        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
        while j < end {
            while j < end, isSpace(bytes[j]) { j += 1 }
            let nameStart = j
            while j < end, !isSpace(bytes[j]), bytes[j] != UInt8(ascii: "="), bytes[j] != UInt8(ascii: ">"), bytes[j] != UInt8(ascii: "/") { j += 1 }
            let attributeName = UnsafeBufferPointer(rebasing: bytes[nameStart..<j])
            while j < end, isSpace(bytes[j]) { j += 1 }
            guard j < end, bytes[j] == UInt8(ascii: "=") else {
                if j == nameStart { j += 1 }  // `/` or `>`
                continue
            }
            j += 1
            while j < end, isSpace(bytes[j]) { j += 1 }
            guard j < end, bytes[j] == UInt8(ascii: "\"") || bytes[j] == UInt8(ascii: "'") else { continue }
            let quote = bytes[j]
            let valueStart = j + 1
            j = valueStart
            while j < end, bytes[j] != quote { j += 1 }
            body(attributeName, UnsafeBufferPointer(rebasing: bytes[valueStart..<min(j, end)]))
            j += 1
        }
    }

    /// The five predefined entities and numeric character references decoded.
    public static func decodeEntities(_ raw: UnsafeBufferPointer<UInt8>) -> String {
        guard raw.contains(UInt8(ascii: "&")) else { return String(decoding: raw, as: UTF8.self) }
        var out: [UInt8] = []
        var i = 0
        while i < raw.count {
            guard raw[i] == UInt8(ascii: "&"), let semi = raw[i...].firstIndex(of: UInt8(ascii: ";")), semi - i <= 10 else {
                out.append(raw[i]); i += 1; continue
            }
            let name = String(decoding: UnsafeBufferPointer(rebasing: raw[(i + 1)..<semi]), as: UTF8.self)
            var scalar: Unicode.Scalar?
            switch name {
            case "amp": scalar = "&"
            case "lt": scalar = "<"
            case "gt": scalar = ">"
            case "quot": scalar = "\""
            case "apos": scalar = "'"
            default:
                if name.hasPrefix("#x") { scalar = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init) }
                else if name.hasPrefix("#") { scalar = UInt32(name.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init) }
            }
            if let scalar {
                out.append(contentsOf: Array(String(scalar).utf8))
                i = semi + 1
            } else {
                out.append(raw[i]); i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
