import XMLPackage

/// Makes ``XMLBytes`` over a test's buffer, for the parsers that take them.
enum XMLBytesFixture {
    static func bytes(_ buffer: UnsafeBufferPointer<UInt8>) -> XMLBytes {
        XMLBytes(start: buffer.baseAddress, count: buffer.count)
    }
}
