import XMLPackage

/// Collects the text of a string item (`<si>` in the shared strings, `<is>` in a cell): every `<t>`,
/// plain or inside rich-text runs `<r>`, except the phonetic hints in `<rPh>`. A `<t>` without
/// `xml:space="preserve"` loses its leading and trailing blanks (as Excel and calamine read it);
/// `_xHHHH_` escapes are decoded at the end.
struct RichTextCollector {
    /// The UTF-8 text so far (escapes not yet decoded).
    private(set) var bytes: [UInt8] = []
    private var inText = false
    private var phoneticDepth = 0
    private var preserve = false
    private var textStart = 0

    init() { bytes.reserveCapacity(256) }

    /// Forgets the previous item.
    mutating func reset() {
        if !bytes.isEmpty { bytes.removeAll(keepingCapacity: true) }
        inText = false
        phoneticDepth = 0
    }

    /// A start tag in the main namespace inside the item.
    mutating func start(_ local: XMLBytes, attributes: XMLAttributes) {
        if local.equals("t") {
            guard phoneticDepth == 0 else { return }
            inText = true
            textStart = bytes.count
            preserve = attributes.value(of: "space", in: OOXMLNamespace.xml)?.equals("preserve") ?? false
        } else if local.equals("rPh") {
            phoneticDepth += 1
        }
    }

    /// An end tag in the main namespace inside the item.
    mutating func end(_ local: XMLBytes) {
        if local.equals("t") {
            guard inText else { return }
            inText = false
            if !preserve { trimText() }
        } else if local.equals("rPh") {
            phoneticDepth = max(phoneticDepth - 1, 0)
        }
    }

    /// Character data inside the item.
    @inline(__always)
    mutating func characters(_ text: UnsafeBufferPointer<UInt8>) {
        if inText { bytes.append(contentsOf: text) }
    }

    /// The item's text, escapes decoded.
    var text: String { OOXMLEscape.decode(bytes) }

    private mutating func trimText() {
        func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        while bytes.count > textStart, let last = bytes.last, isBlank(last) { bytes.removeLast() }
        var leading = 0
        while textStart + leading < bytes.count, isBlank(bytes[textStart + leading]) { leading += 1 }
        if leading > 0 { bytes.removeSubrange(textStart..<(textStart + leading)) }
    }
}
