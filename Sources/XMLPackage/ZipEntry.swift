/// One file inside a ZIP archive, as its central directory describes it.
public struct ZipEntry: Sendable, Hashable {
    /// The entry's path inside the archive (`xl/worksheets/sheet1.xml`), as stored.
    public let name: String
    /// Bytes the entry occupies in the archive.
    public let compressedSize: Int64
    /// Bytes the entry inflates to, as declared (checked while inflating).
    public let uncompressedSize: Int64
    /// The declared CRC-32 of the inflated bytes.
    public let crc32: UInt32
    /// The compression method: 0 stored, 8 deflated; anything else is refused when read.
    public let method: UInt16
    /// The general-purpose flags; bit 0 means encrypted.
    let flags: UInt16
    /// Where the entry's local header starts in the file.
    let localHeaderOffset: Int64
    /// The entry's MS-DOS modification time and date, kept when the entry is copied.
    var dosTime: UInt16 = 0
    var dosDate: UInt16 = 0

    /// Whether the entry is encrypted (ZIP traditional or strong encryption).
    public var isEncrypted: Bool { flags & 1 != 0 }

    /// Whether the entry names a folder rather than a file.
    public var isDirectory: Bool { name.hasSuffix("/") }
}
