/// An Excel number format code (`0.0%`, `#,##0.00 €`, `dd-mm-yyyy`, `[h]:mm:ss`) translated into an
/// OpenDocument data style (`number:number-style`, `number:percentage-style`, `number:currency-style`,
/// `number:date-style`, `number:time-style`, `number:boolean-style`).
///
/// Only the first section of the code (before `;`) is translated; colours, conditions and fill
/// characters are dropped. What a code cannot say in ODF becomes a literal `number:text`.
struct ODSNumberFormat: Hashable {
    /// The family of the data style, which also decides a number cell's `office:value-type`.
    enum Kind: Hashable {
        case number, percentage, currency, date, time, boolean, text
    }

    let kind: Kind
    /// The child elements of the data style, as XML.
    let body: String
    /// Whether a `time` style shows hours past 24 (`[h]`).
    let elapsed: Bool
    /// The ISO currency code of a currency style (`EUR`), for `office:currency`.
    let currency: String?

    /// The style for booleans (`TRUE`/`FALSE`).
    static let boolean = ODSNumberFormat(kind: .boolean, body: "<number:boolean/>", elapsed: false, currency: nil)

    /// Translates an Excel format code; nil for General (no data style).
    static func translate(_ code: String) -> ODSNumberFormat? {
        let section = firstSection(code)
        if section.isEmpty || section.lowercased() == "general" { return nil }
        if section == "@" { return ODSNumberFormat(kind: .text, body: "<number:text-content/>", elapsed: false, currency: nil) }
        let tokens = tokenize(section)
        if tokens.contains(where: { if case .date = $0 { return true }; return false }) {
            return dateTime(tokens)
        }
        return number(tokens)
    }

    /// The XML element name of the data style.
    var element: String {
        switch kind {
        case .number: return "number:number-style"
        case .percentage: return "number:percentage-style"
        case .currency: return "number:currency-style"
        case .date: return "number:date-style"
        case .time: return "number:time-style"
        case .boolean: return "number:boolean-style"
        case .text: return "number:text-style"
        }
    }

    // MARK: - Tokens

    enum Token: Hashable {
        case literal(String)
        /// A run of one date/time letter (`yyyy`, `mm`, `h`), `elapsed` for `[h]`.
        case date(Character, Int, elapsed: Bool)
        /// `.0`, `.00` after seconds.
        case fraction(Int)
        case ampm
        /// The digits of a number (`#,##0.00`).
        case digits(String)
        case percent
        case currency(String)
    }

    static func firstSection(_ code: String) -> String {
        var out = ""
        var quoted = false
        var escaped = false
        for ch in code {
            if escaped { escaped = false; out.append(ch); continue }
            if ch == "\\" { escaped = true; out.append(ch); continue }
            if ch == "\"" { quoted.toggle() }
            if ch == ";" && !quoted { break }
            out.append(ch)
        }
        return out
    }

    static func tokenize(_ section: String) -> [Token] {
        let chars = Array(section)
        var tokens: [Token] = []
        var i = 0
        func literal(_ s: String) {
            if case .literal(let prev)? = tokens.last {
                tokens[tokens.count - 1] = .literal(prev + s)
            } else {
                tokens.append(.literal(s))
            }
        }
        while i < chars.count {
            let ch = chars[i]
            switch ch {
            case "\"":
                var j = i + 1
                var s = ""
                while j < chars.count, chars[j] != "\"" { s.append(chars[j]); j += 1 }
                literal(s)
                i = j + 1
            case "\\":
                if i + 1 < chars.count { literal(String(chars[i + 1])) }
                i += 2
            case "_", "*":
                if ch == "_" { literal(" ") }
                i += 2
            case "[":
                var j = i + 1
                var s = ""
                while j < chars.count, chars[j] != "]" { s.append(chars[j]); j += 1 }
                i = j + 1
                let lower = s.lowercased()
                if let letter = lower.first, "hms".contains(letter), lower.allSatisfy({ $0 == letter }) {
                    tokens.append(.date(letter, lower.count, elapsed: true))
                } else if s.hasPrefix("$") {
                    let symbol = s.dropFirst().prefix { $0 != "-" }
                    if !symbol.isEmpty { tokens.append(.currency(String(symbol))) }
                }
            case "0", "#", "?", ",", ".":
                if ch == ".", case .date(let letter, _, _)? = tokens.last, letter == "s" {
                    var j = i + 1
                    while j < chars.count, chars[j] == "0" { j += 1 }
                    tokens.append(.fraction(j - i - 1))
                    i = j
                    continue
                }
                if ch == "," || ch == ".", !(tokens.last.map { if case .digits = $0 { return true }; return false } ?? false),
                   !(i + 1 < chars.count && "0#?".contains(chars[i + 1])) {
                    literal(String(ch))
                    i += 1
                    continue
                }
                var s = ""
                var j = i
                while j < chars.count, "0#?,.".contains(chars[j]) { s.append(chars[j]); j += 1 }
                if case .digits(let prev)? = tokens.last { tokens[tokens.count - 1] = .digits(prev + s) } else { tokens.append(.digits(s)) }
                i = j
            case "%":
                tokens.append(.percent)
                i += 1
            case "€", "$", "£":
                tokens.append(.currency(String(ch)))
                i += 1
            default:
                let lower = Character(ch.lowercased())
                if "ymdhs".contains(lower) {
                    var j = i
                    while j < chars.count, Character(chars[j].lowercased()) == lower { j += 1 }
                    tokens.append(.date(lower, j - i, elapsed: false))
                    i = j
                } else if chars[i...].starts(with: Array("AM/PM")) || chars[i...].starts(with: Array("am/pm")) {
                    tokens.append(.ampm)
                    i += 5
                } else if chars[i...].starts(with: Array("EUR")) {
                    tokens.append(.currency("EUR"))
                    i += 3
                } else {
                    literal(String(ch))
                    i += 1
                }
            }
        }
        return tokens
    }

    // MARK: - Building

    static func text(_ s: String) -> String {
        "<number:text>" + escape(s) + "</number:text>"
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }

    static func dateTime(_ tokens: [Token]) -> ODSNumberFormat {
        var body = ""
        var hasDate = false
        var elapsed = false
        for (k, token) in tokens.enumerated() {
            switch token {
            case .literal(let s): body += text(s)
            case .digits(let s): body += text(s)
            case .percent: body += text("%")
            case .currency(let s): body += text(s)
            case .ampm: body += "<number:am-pm/>"
            case .fraction: break
            case .date(let letter, let count, let isElapsed):
                let long = count >= 2 ? " number:style=\"long\"" : ""
                switch letter {
                case "y":
                    hasDate = true
                    body += "<number:year\(count >= 3 ? " number:style=\"long\"" : "")/>"
                case "d":
                    hasDate = true
                    body += count >= 3 ? "<number:day-of-week\(count >= 4 ? " number:style=\"long\"" : "")/>" : "<number:day\(long)/>"
                case "h":
                    elapsed = elapsed || isElapsed
                    body += "<number:hours\(long)/>"
                case "s":
                    elapsed = elapsed || isElapsed
                    var places = ""
                    if k + 1 < tokens.count, case .fraction(let n) = tokens[k + 1], n > 0 { places = " number:decimal-places=\"\(n)\"" }
                    body += "<number:seconds\(long)\(places)/>"
                default: // "m": minutes next to hours or seconds, else month
                    if isMinute(tokens, k) || isElapsed {
                        elapsed = elapsed || isElapsed
                        body += "<number:minutes\(long)/>"
                    } else {
                        hasDate = true
                        switch count {
                        case 1: body += "<number:month/>"
                        case 2: body += "<number:month number:style=\"long\"/>"
                        case 3: body += "<number:month number:textual=\"true\"/>"
                        default: body += "<number:month number:style=\"long\" number:textual=\"true\"/>"
                        }
                    }
                }
            }
        }
        return ODSNumberFormat(kind: hasDate ? .date : .time, body: body, elapsed: elapsed, currency: nil)
    }

    /// Whether the `m` token at `k` means minutes: an hour before it or a second after it.
    static func isMinute(_ tokens: [Token], _ k: Int) -> Bool {
        for token in tokens[..<k].reversed() {
            if case .date(let l, _, _) = token { if l == "h" { return true }; break }
        }
        for token in tokens[(k + 1)...] {
            if case .date(let l, _, _) = token { return l == "s" }
        }
        return false
    }

    static func number(_ tokens: [Token]) -> ODSNumberFormat {
        var kind = Kind.number
        var currency: String?
        var body = ""
        var numberWritten = false
        for token in tokens {
            switch token {
            case .literal(let s): body += text(s)
            case .percent:
                kind = .percentage
                body += text("%")
            case .currency(let s):
                kind = kind == .percentage ? kind : .currency
                let code = s == "€" || s == "EUR" ? "EUR" : s == "$" ? "USD" : s == "£" ? "GBP" : s
                currency = code
                body += "<number:currency-symbol>" + escape(s == "EUR" ? "€" : s) + "</number:currency-symbol>"
            case .digits(let s):
                guard !numberWritten else { body += text(s); continue }
                numberWritten = true
                let parts = s.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
                let integer = parts[0]
                let decimals = parts.count > 1 ? parts[1].filter { "0#?".contains($0) }.count : 0
                let minDecimals = parts.count > 1 ? parts[1].filter { $0 == "0" }.count : 0
                let minInteger = integer.filter { $0 == "0" }.count
                let grouping = integer.dropLast(while: { $0 == "," }).contains(",")
                body += "<number:number number:decimal-places=\"\(decimals)\" number:min-decimal-places=\"\(minDecimals)\""
                    + " number:min-integer-digits=\"\(minInteger)\"\(grouping ? " number:grouping=\"true\"" : "")/>"
            case .date, .fraction, .ampm: break
            }
        }
        if !numberWritten {
            body = "<number:number number:min-integer-digits=\"1\"/>" + body
        }
        return ODSNumberFormat(kind: kind, body: body, elapsed: false, currency: currency)
    }
}

extension Substring {
    /// The substring without trailing elements that match.
    fileprivate func dropLast(while predicate: (Character) -> Bool) -> Substring {
        var s = self
        while let last = s.last, predicate(last) { s.removeLast() }
        return s
    }
}
