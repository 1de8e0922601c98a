import SheetKit
import XMLPackage

/// The few changes a patch makes to parts other than the changed worksheets, each as a byte-level edit
/// that leaves the rest of the part as it was: the workbook's recalculation flag, and the references to
/// a dropped calculation chain.
enum XLSXPackageEdits {
    /// `xl/workbook.xml` set to recalculate on open (`<calcPr fullCalcOnLoad="1"/>`), or nil when it
    /// already is. A missing `calcPr` is inserted where CT_Workbook's sequence puts it.
    static func recalculatingOnLoad(_ part: [UInt8], location: SourceLocation) throws -> [UInt8]? {
        let following: Set<String> = ["oleSize", "customWorkbookViews", "pivotCaches", "smartTagPr", "smartTagTypes",
                                      "webPublishing", "fileRecoveryPr", "webPublishObjects", "extLst"]
        var out: [UInt8] = []
        out.reserveCapacity(part.count + 32)
        var prefix = "", done = false, alreadySet = false, depth = 0
        try rewrite(part, location: location) { piece in
            guard !done, let tag = piece.tag else {
                out.append(contentsOf: piece.bytes)
                return
            }
            if tag.isStart, depth == 0, tag.localNameIs("workbook") { prefix = tag.prefix }
            if tag.isStart, depth == 1, tag.localNameIs("calcPr") {
                done = true
                let text = String(decoding: tag.bytes, as: UTF8.self)
                if let value = tag.attributeString("fullCalcOnLoad") {
                    if value == "1" || value == "true" { alreadySet = true; out.append(contentsOf: tag.bytes); return }
                    var fixed = text
                    for quote in ["\"", "'"] { fixed = fixed.replacing("fullCalcOnLoad=\(quote)\(value)\(quote)", with: "fullCalcOnLoad=\"1\"") }
                    out.append(contentsOf: Array(fixed.utf8))
                } else {
                    let cut = tag.isEmptyElement ? 2 : 1
                    out.append(contentsOf: tag.bytes[0..<(tag.bytes.count - cut)])
                    out.append(contentsOf: Array(" fullCalcOnLoad=\"1\"".utf8))
                    out.append(contentsOf: tag.bytes[(tag.bytes.count - cut)...])
                }
                return
            }
            let startsLater = tag.isStart && depth == 1 && following.contains(tag.localName)
            let endsWorkbook = tag.isEnd && depth == 1 && tag.localNameIs("workbook")
            if startsLater || endsWorkbook {
                done = true
                out.append(contentsOf: Array("<\(prefix)calcPr fullCalcOnLoad=\"1\"/>".utf8))
            }
            if tag.isEnd { depth -= 1 } else if !tag.isEmptyElement { depth += 1 }
            out.append(contentsOf: piece.bytes)
        }
        return alreadySet ? nil : out
    }

    /// `[Content_Types].xml` without the override for `part` (`xl/calcChain.xml`).
    static func removingOverride(of part: String, from bytes: [UInt8], location: SourceLocation) throws -> [UInt8] {
        let target = ("/" + part).lowercased()
        return try removingElements(from: bytes, location: location) { tag in
            tag.localNameIs("Override") && tag.attributeString("PartName")?.lowercased() == target
        }
    }

    /// A `.rels` part without the relationships of type `…/kind`.
    static func removingRelationships(ofKind kind: String, from bytes: [UInt8], location: SourceLocation) throws -> [UInt8] {
        try removingElements(from: bytes, location: location) { tag in
            tag.localNameIs("Relationship") && (tag.attributeString("Type")?.hasSuffix("/" + kind) ?? false)
        }
    }

    /// The part without the empty elements `matches` picks.
    private static func removingElements(from bytes: [UInt8], location: SourceLocation, _ matches: (XMLTag) -> Bool) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var skipping = 0
        try rewrite(bytes, location: location) { piece in
            if let tag = piece.tag, tag.isStart, skipping == 0, matches(tag) {
                if !tag.isEmptyElement { skipping = 1 }
                return
            }
            if skipping > 0 {
                if let tag = piece.tag {
                    if tag.isEnd { skipping -= 1 } else if !tag.isEmptyElement { skipping += 1 }
                }
                return
            }
            out.append(contentsOf: piece.bytes)
        }
        return out
    }

    private static func rewrite(_ bytes: [UInt8], location: SourceLocation, _ handle: (XMLPiece) throws -> Void) throws {
        let pieces = XMLPieceStream(location: location)
        try bytes.withUnsafeBytes { try pieces.feed($0, handle) }
        try pieces.finish(handle)
    }
}
