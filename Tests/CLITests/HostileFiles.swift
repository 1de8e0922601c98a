import Foundation

/// A ZIP archive written byte by byte: stored entries, and deflated ones for a bomb, with true CRCs.
enum HostileZip {
    /// One entry of an archive.
    struct Entry: Sendable {
        let name: String
        let content: Content
    }

    /// What an entry holds.
    enum Content: Sendable {
        /// Stored as UTF-8.
        case text(String)
        /// Deflated: `prefix`, then `count` times the byte `run`, then `suffix`, in about `count / 1032` bytes
        /// (see ``RunDeflate``).
        case bomb(prefix: String, run: UInt8, count: Int64, suffix: String)
    }

    /// The archive of `entries`, in order.
    static func archive(_ entries: [Entry]) -> [UInt8] {
        var out: [UInt8] = []
        var directory: [UInt8] = []
        for entry in entries {
            let name = Array(entry.name.utf8)
            let method: UInt16, crc: UInt32, size: Int64, data: [UInt8]
            switch entry.content {
            case .text(let text):
                data = Array(text.utf8)
                (method, crc, size) = (0, CRC32.checksum(data), Int64(data.count))
            case .bomb(let prefix, let run, let count, let suffix):
                data = RunDeflate.stream(prefix: Array(prefix.utf8), run: run, count: count, suffix: Array(suffix.utf8))
                let head = CRC32.combine(CRC32.checksum(Array(prefix.utf8)), CRC32.run(of: run, count: count), count)
                let tail = Array(suffix.utf8)
                (method, crc, size) = (8, CRC32.combine(head, CRC32.checksum(tail), Int64(tail.count)),
                                       Int64(prefix.utf8.count) + count + Int64(tail.count))
            }
            let offset = UInt32(out.count)
            let sizes = le32(crc) + le32(UInt32(data.count)) + le32(UInt32(size))
            out += le32(0x0403_4B50) + le16(20) + le16(0) + le16(method) + le16(0) + le16(0x21) + sizes
            out += le16(UInt16(name.count)) + le16(0) + name + data
            directory += le32(0x0201_4B50) + le16(20) + le16(20) + le16(0) + le16(method) + le16(0) + le16(0x21) + sizes
            directory += le16(UInt16(name.count)) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(offset) + name
        }
        let directoryOffset = UInt32(out.count)
        out += directory
        out += le32(0x0605_4B50) + le16(0) + le16(0) + le16(UInt16(entries.count)) + le16(UInt16(entries.count))
        out += le32(UInt32(directory.count)) + le32(directoryOffset) + le16(0)
        return out
    }
}

/// Little-endian bytes, as ZIP and Compound File headers store numbers.
private func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }

private func le32(_ v: UInt32) -> [UInt8] { [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)] }

/// A deflate stream (RFC 1951) of a long run of one byte, written directly rather than compressed:
/// a stored block with the prefix; a dynamic Huffman block in which the length 258 and the distance 1
/// each have a one-bit code, so that every 258 bytes of the run cost two zero bits (about 1032:1, the
/// most deflate allows); a final stored block with the suffix. Writing a gigabyte's stream takes
/// milliseconds.
enum RunDeflate {
    static func stream(prefix: [UInt8], run: UInt8, count: Int64, suffix: [UInt8]) -> [UInt8] {
        var bits = BitWriter()
        bits.storedBlock(prefix, final: false)
        bits.put(0, 1)  // not final
        bits.put(2, 2)  // dynamic Huffman codes
        bits.put(286 - 257, 5)  // literal/length codes 0…285
        bits.put(0, 5)  // one distance code
        bits.put(18 - 4, 4)  // code length codes, in the order below, up to that of length 1
        // Code length code lengths in RFC 1951's order 16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3,
        // 13, 2, 14, 1: symbol 18 (a run of zeros) gets code 0, lengths 1 and 2 get codes 10 and 11.
        for length in [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 2] { bits.put(UInt32(length), 3) }
        let zeros = { (total: Int) in  // symbol 18 repeats a zero length 11…138 times
            var left = total
            while left > 0 {
                let n = left > 138 ? min(138, left - 11) : left
                precondition(n >= 11, "the run byte must be 0, or at least 11 from either end")
                bits.code(0, 1)
                bits.put(UInt32(n - 11), 7)
                left -= n
            }
        }
        let lengthOne = { bits.code(0b10, 2) }, lengthTwo = { bits.code(0b11, 2) }
        // Literal/length code lengths: the run byte 2, end of block (256) 2, length 258 (285) 1.
        zeros(Int(run))
        lengthTwo()
        zeros(255 - Int(run))
        lengthTwo()  // 256, end of block
        zeros(28)  // 257…284
        lengthOne()  // 285, length 258
        lengthOne()  // distance code 0, distance 1
        // Canonical codes: 285 → 0, the run byte → 10, end of block → 11; distance 0 → 0.
        bits.code(0b10, 2)
        let matches = (count - 1) / 258
        bits.zeros(matches * 2)
        for _ in 0..<((count - 1) % 258) { bits.code(0b10, 2) }
        bits.code(0b11, 2)
        bits.storedBlock(suffix, final: true)
        return bits.bytes
    }

    /// Packs bits least significant first, as deflate does.
    struct BitWriter {
        var bytes: [UInt8] = []
        var count: Int64 = 0

        mutating func put(_ value: UInt32, _ width: Int) {
            for i in 0..<width {
                if count % 8 == 0 { bytes.append(0) }
                bytes[bytes.count - 1] |= UInt8((value >> UInt32(i)) & 1) << UInt8(count % 8)
                count += 1
            }
        }

        /// A Huffman code, most significant bit first.
        mutating func code(_ value: UInt32, _ width: Int) {
            for i in (0..<width).reversed() { put((value >> UInt32(i)) & 1, 1) }
        }

        mutating func zeros(_ n: Int64) {
            count += n
            let needed = Int((count + 7) / 8)
            if needed > bytes.count { bytes += [UInt8](repeating: 0, count: needed - bytes.count) }
        }

        mutating func storedBlock(_ data: [UInt8], final: Bool) {
            precondition(data.count <= 0xFFFF)
            put(final ? 1 : 0, 1)
            put(0, 2)
            count = (count + 7) / 8 * 8
            bytes += le16(UInt16(data.count)) + le16(~UInt16(data.count)) + data
            count = Int64(bytes.count) * 8
        }
    }
}

/// CRC-32 (the ZIP polynomial), with zlib's `crc32_combine` so that a gigabyte run costs no pass over it.
enum CRC32 {
    private static let polynomial: UInt32 = 0xEDB8_8320
    private static let table: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? polynomial ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }

    /// The CRC of `count` bytes `byte`.
    static func run(of byte: UInt8, count: Int64) -> UInt32 {
        var result: UInt32 = 0, power = checksum([byte]), powerLength: Int64 = 1, n = count
        while n > 0 {
            if n & 1 != 0 { result = combine(result, power, powerLength) }
            power = combine(power, power, powerLength)
            powerLength *= 2
            n >>= 1
        }
        return result
    }

    /// The CRC of A followed by B, from A's CRC, B's CRC and B's length (zlib's `crc32_combine`).
    static func combine(_ crcA: UInt32, _ crcB: UInt32, _ lengthB: Int64) -> UInt32 {
        multiply(xPower8n(lengthB), crcA) ^ crcB
    }

    /// a × b modulo the polynomial, bits reflected.
    private static func multiply(_ a: UInt32, _ b: UInt32) -> UInt32 {
        var m: UInt32 = 1 << 31, p: UInt32 = 0, b = b
        while true {
            if a & m != 0 {
                p ^= b
                if a & (m - 1) == 0 { break }
            }
            m >>= 1
            b = b & 1 != 0 ? (b >> 1) ^ polynomial : b >> 1
        }
        return p
    }

    /// x^(8n) modulo the polynomial.
    private static func xPower8n(_ n: Int64) -> UInt32 {
        var p: UInt32 = 1 << 31, n = n, k = 3
        while n > 0 {
            if n & 1 != 0 { p = multiply(xPower2k[k & 31], p) }
            n >>= 1
            k += 1
        }
        return p
    }

    /// x^(2^k) modulo the polynomial, for k in 0..<32.
    private static let xPower2k: [UInt32] = {
        var p: UInt32 = 1 << 30
        var table = [p]
        for _ in 1..<32 {
            p = multiply(p, p)
            table.append(p)
        }
        return table
    }()
}

/// A Compound File Binary (OLE2) file, version 3, with streams of at least 4096 bytes each (so no
/// mini stream): what Excel writes for a password-protected workbook and a legacy `.xls`.
enum CompoundFile {
    static func file(streams: [(name: String, bytes: [UInt8])]) -> [UInt8] {
        let sector = 512
        let endOfChain: UInt32 = 0xFFFF_FFFE, free: UInt32 = 0xFFFF_FFFF, noStream: UInt32 = 0xFFFF_FFFF
        let padded = streams.map { $0.bytes + [UInt8](repeating: 0, count: (sector - $0.bytes.count % sector) % sector) }
        precondition(streams.allSatisfy { $0.bytes.count >= 4096 } && streams.count <= 3)
        // Sector 0: the FAT; sector 1: the directory; then each stream's sectors in turn.
        var fat: [UInt32] = [0xFFFF_FFFD, endOfChain]
        var starts: [UInt32] = []
        for data in padded {
            starts.append(UInt32(fat.count))
            let n = data.count / sector
            for i in 0..<n { fat.append(i == n - 1 ? endOfChain : UInt32(fat.count + 1)) }
        }
        precondition(fat.count <= sector / 4)
        fat += [UInt32](repeating: free, count: sector / 4 - fat.count)

        var header = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 16)
        header += le16(0x3E) + le16(3) + le16(0xFFFE) + le16(9) + le16(6) + [UInt8](repeating: 0, count: 6)
        header += le32(0) + le32(1) + le32(1) + le32(0) + le32(4096) + le32(endOfChain) + le32(0) + le32(endOfChain) + le32(0)
        header += le32(0) + (1..<109).flatMap { _ in le32(free) }

        func entry(_ name: String, type: UInt8, right: UInt32, child: UInt32, start: UInt32, size: Int) -> [UInt8] {
            let utf16: [UInt8] = name.utf16.map(le16).joined() + [0, 0]
            var e: [UInt8] = utf16 + [UInt8](repeating: 0, count: 64 - utf16.count)
            e += le16(UInt16(utf16.count)) + [type, 1] + le32(noStream) + le32(right) + le32(child)
            e += [UInt8](repeating: 0, count: 36) + le32(start) + le32(UInt32(size)) + le32(0)
            return e
        }
        // Siblings in a chain to the right, shortest name first (the order CFB compares names in).
        let order = streams.indices.sorted { streams[$0].name.utf16.count < streams[$1].name.utf16.count }
        var directory = entry("Root Entry", type: 5, right: noStream, child: UInt32(order[0] + 1), start: endOfChain, size: 0)
        for (i, stream) in streams.enumerated() {
            let position = order.firstIndex(of: i)!
            let right = position + 1 < order.count ? UInt32(order[position + 1] + 1) : noStream
            directory += entry(stream.name, type: 2, right: right, child: noStream, start: starts[i], size: stream.bytes.count)
        }
        while directory.count < sector { directory += entry("", type: 0, right: noStream, child: noStream, start: 0, size: 0) }
        return header + fat.flatMap { le32($0) } + directory + padded.flatMap { $0 }
    }

    /// An agile EncryptionInfo stream (version 4.4) with its XML descriptor, padded.
    static let encryptionInfo: [UInt8] = {
        let xml = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <encryption xmlns="http://schemas.microsoft.com/office/2006/encryption" \
            xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/password"><keyData saltSize="16" \
            blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" \
            hashAlgorithm="SHA512" saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/></encryption>
            """
        let bytes = le16(4) + le16(4) + le32(0x40) + Array(xml.utf8)
        return bytes + [UInt8](repeating: 0, count: 4096 - bytes.count)
    }()

    /// A BIFF8 workbook stream: a BOF record, an EOF record, padding.
    static let biffWorkbook: [UInt8] = {
        let bof: [UInt8] = [0x09, 0x08, 0x10, 0x00, 0x00, 0x06, 0x05, 0x00, 0xAF, 0x18, 0xCD, 0x07,
                            0xC1, 0x00, 0x00, 0x00, 0x06, 0x03, 0x00, 0x00]
        let bytes = bof + [0x0A, 0x00, 0x00, 0x00]
        return bytes + [UInt8](repeating: 0, count: 4096 - bytes.count)
    }()
}

/// The parts of a small valid workbook (A1 the shared string "Doel", B1 the number 1), each replaceable.
enum XLSXParts {
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    static let sheetStart = declaration + "<worksheet xmlns=\"\(main)\"><sheetData>"
    static let sheetEnd = "</sheetData></worksheet>"
    static let sheetFrame = XMLFrame(start: sheetStart, cell: { "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>\($0)</t></is></c></row>" },
                                     end: sheetEnd)
    static let sharedStrings = declaration + "<sst xmlns=\"\(main)\" count=\"1\" uniqueCount=\"1\"><si><t>Doel</t></si></sst>"
    static let sharedStringsFrame = XMLFrame(start: declaration + "<sst xmlns=\"\(main)\" count=\"1\" uniqueCount=\"1\">",
                                             cell: { "<si><t>\($0)</t></si>" }, end: "</sst>")
    static let styles = declaration + "<styleSheet xmlns=\"\(main)\"><cellXfs count=\"1\"><xf numFmtId=\"0\"/></cellXfs></styleSheet>"
    static let workbookXML = declaration + """
        <workbook xmlns="\(main)" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
        <sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>
        """
    static let relationships = declaration + """
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" \
        Target="worksheets/sheet1.xml"/><Relationship Id="rId2" \
        Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
        <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" \
        Target="sharedStrings.xml"/></Relationships>
        """
    static let contentTypes = declaration + """
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
        <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
        </Types>
        """
    static let packageRelationships = declaration + """
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
        Target="xl/workbook.xml"/></Relationships>
        """

    /// A worksheet holding `rows`.
    static func sheet(rows: String = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\"><v>1</v></c></row>") -> String {
        sheetStart + rows + sheetEnd
    }

    /// The workbook's entries, with any part replaced.
    static func workbook(sheet: HostileZip.Content = .text(sheet()), sharedStrings: String = sharedStrings,
                         styles: String = styles, workbook: String = workbookXML, relationships: String = relationships,
                         contentTypes: String = contentTypes) -> [HostileZip.Entry] {
        [HostileZip.Entry(name: "[Content_Types].xml", content: .text(contentTypes)),
         HostileZip.Entry(name: "_rels/.rels", content: .text(packageRelationships)),
         HostileZip.Entry(name: "xl/workbook.xml", content: .text(workbook)),
         HostileZip.Entry(name: "xl/_rels/workbook.xml.rels", content: .text(relationships)),
         HostileZip.Entry(name: "xl/styles.xml", content: .text(styles)),
         HostileZip.Entry(name: "xl/sharedStrings.xml", content: .text(sharedStrings)),
         HostileZip.Entry(name: "xl/worksheets/sheet1.xml", content: sheet)]
    }
}

/// The parts of a small valid spreadsheet (A1 the text "Doel", B1 the number 1), each replaceable.
enum ODSParts {
    /// `content.xml` up to where the tables go.
    static let documentStart = """
        <?xml version="1.0" encoding="UTF-8"?>
        <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
        xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" \
        xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body>\
        <office:spreadsheet>
        """
    static let documentEnd = "</office:spreadsheet></office:body></office:document-content>"
    static let contentStart = documentStart + "<table:table table:name=\"Blad1\">"
    static let contentEnd = "</table:table>" + documentEnd
    static let contentFrame = XMLFrame(start: contentStart, cell: {
        "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>\($0)</text:p></table:table-cell></table:table-row>"
    }, end: contentEnd)
    static let manifest = """
        <?xml version="1.0" encoding="UTF-8"?>
        <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">\
        <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>\
        <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>
        """

    /// A `content.xml` whose one table holds `rows`.
    static func content(rows: String = """
        <table:table-row><table:table-cell office:value-type="string"><text:p>Doel</text:p></table:table-cell>\
        <table:table-cell office:value-type="float" office:value="1"/></table:table-row>
        """) -> String {
        contentStart + rows + contentEnd
    }

    /// The spreadsheet's entries, with any part replaced.
    static func spreadsheet(content: String = content(), manifest: String = manifest) -> [HostileZip.Entry] {
        [HostileZip.Entry(name: "mimetype", content: .text("application/vnd.oasis.opendocument.spreadsheet")),
         HostileZip.Entry(name: "META-INF/manifest.xml", content: .text(manifest)),
         HostileZip.Entry(name: "content.xml", content: .text(content))]
    }
}
