/// What an ``XMLStreamParser`` reports, in document order. A handler that throws stops the parse; the
/// parser rethrows its error.
///
/// Callbacks must be cheap: compare names with ``XMLBytes/equals(_:)`` and copy only the text you keep.
public protocol XMLContentHandler: AnyObject {
    /// A start tag.
    func startElement(_ name: XMLName, attributes: XMLAttributes) throws
    /// An end tag (or the end of an empty element).
    func endElement(_ name: XMLName) throws
    /// Character data (text or CDATA), possibly split over several calls.
    func characters(_ text: UnsafeBufferPointer<UInt8>) throws
}
