import SheetKit

/// Turns stream offsets into 1-based lines and columns by reading the file again from its start.
///
/// This is the rare path of an error or warning, so that scanning never counts lines. Lines end at
/// LF, CR LF or a bare CR; columns count characters.
struct CSVLocator {
    /// nil when the input cannot be read again (a spool file): locations then name the file only.
    let path: String?
    let displayName: String
    let encoding: TextEncoding
    /// Raw bytes before the text (a byte order mark).
    let skip: Int

    /// The line and column of the character at `offset` in the decoded stream.
    func location(ofStreamOffset offset: Int64) -> SourceLocation {
        guard let path, let fd = try? TranscodingInput.open(path: path, displayName: displayName),
              let input = try? TranscodingInput(fd: fd, ownsDescriptor: true, encoding: encoding, displayName: displayName,
                                                skip: skip, validate: false, lenient: true, chunkSize: 1 << 16)
        else { return SourceLocation(file: displayName) }
        var counter = PositionCounter(bytesAreCharacters: false)
        let chunk = UnsafeMutablePointer<UInt8>.allocate(capacity: 1 << 16)
        defer { chunk.deallocate() }
        var seen: Int64 = 0
        while seen < offset {
            guard let n = try? input.read(into: chunk, capacity: 1 << 16), n > 0 else { break }
            let take = Int(min(Int64(n), offset - seen))
            counter.count(chunk, take)
            seen += Int64(n)
        }
        return .text(displayName, line: counter.line, column: counter.column + 1)
    }

    /// The line and column of the byte at raw `offset`, each byte a character (Windows-1252).
    func location(ofRawOffset offset: Int64) -> SourceLocation {
        guard let path, let fd = try? TranscodingInput.open(path: path, displayName: displayName),
              let input = try? TranscodingInput(fd: fd, ownsDescriptor: true, encoding: .utf8, displayName: displayName,
                                                skip: 0, validate: false, chunkSize: 1 << 16)
        else { return SourceLocation(file: displayName) }
        var counter = PositionCounter(bytesAreCharacters: true)
        let chunk = UnsafeMutablePointer<UInt8>.allocate(capacity: 1 << 16)
        defer { chunk.deallocate() }
        var seen: Int64 = 0
        while seen < offset {
            guard let n = try? input.read(into: chunk, capacity: 1 << 16), n > 0 else { break }
            counter.count(chunk, Int(min(Int64(n), offset - seen)))
            seen += Int64(n)
        }
        return .text(displayName, line: counter.line, column: counter.column + 1)
    }

    /// The ``SheetError`` for a scanning failure, located.
    func sheetError(_ failure: CSVFailure) -> SheetError {
        switch failure {
        case .malformed(let offset, let message):
            return .malformed(location(ofStreamOffset: offset), message)
        case .limit(let offset, let limit, let value, let flag):
            return .limitExceeded(location(ofStreamOffset: offset), limit: limit, value: value, howToRaise: Limits.howToRaise(flag))
        case .located(let error):
            return error
        }
    }

    /// Runs `body`, turning a ``CSVFailure`` into a located ``SheetError``.
    func locating<R>(_ body: () throws -> R) throws -> R {
        do {
            return try body()
        } catch let failure as CSVFailure {
            throw sheetError(failure)
        }
    }
}

/// Counts lines and characters over bytes.
struct PositionCounter {
    let bytesAreCharacters: Bool
    var line = 1
    /// Characters since the line's start.
    var column = 0
    private var afterCR = false

    init(bytesAreCharacters: Bool) {
        self.bytesAreCharacters = bytesAreCharacters
    }

    mutating func count(_ p: UnsafePointer<UInt8>, _ n: Int) {
        for i in 0..<n {
            let b = p[i]
            if b == CSVScanner.lf {
                if !afterCR {
                    line += 1
                    column = 0
                }
                afterCR = false
            } else if b == CSVScanner.cr {
                line += 1
                column = 0
                afterCR = true
            } else {
                afterCR = false
                if bytesAreCharacters || b & 0xC0 != 0x80 { column += 1 }
            }
        }
    }
}
