import Foundation

/// Reads the small part of TOML a config file needs: `key = value` lines, `[section]` headers, `#`
/// comments, and values that are strings (`"…"` with escapes, or `'…'` as written), integers, decimals
/// and booleans. Anything else is an error naming the line, rather than a guess.
enum TOMLSubset {
    /// The entries in file order, each key prefixed with its section (`[keys]` + `fmp` → `keys.fmp`).
    /// - Parameter file: how error messages name the file.
    static func parse(_ text: String, file: String) throws(ConfigError) -> [ConfigEntry] {
        var entries: [ConfigEntry] = []
        var firstLine: [String: Int] = [:]
        var section: String?
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, rawLine) in lines.enumerated() {
            let number = index + 1
            var line = Substring(rawLine)
            if index == 0, line.hasPrefix("\u{FEFF}") { line = line.dropFirst() }
            if line.hasSuffix("\r") { line = line.dropLast() }
            var cursor = Cursor(text: line, file: file, line: number)
            cursor.skipSpaces()
            if cursor.atEndOrComment { continue }
            if cursor.peek == "[" {
                section = try cursor.sectionHeader()
                continue
            }
            let name = try cursor.bareKey(what: "key")
            let key = section.map { "\($0).\(name)" } ?? name
            cursor.skipSpaces()
            guard cursor.take("=") else {
                throw cursor.error("expected = after \(name)", fix: "write it as \(name) = value")
            }
            cursor.skipSpaces()
            let value = try cursor.value(for: name)
            cursor.skipSpaces()
            guard cursor.atEndOrComment else {
                throw cursor.error("unexpected text after the value of \(name)",
                                   fix: "put one key = value per line; start comments with #")
            }
            if let first = firstLine[key] {
                throw .duplicateKey(file: file, line: number, key: key, firstLine: first)
            }
            firstLine[key] = number
            entries.append(ConfigEntry(key: key, value: value, line: number))
        }
        return entries
    }

    /// A read position within one line.
    private struct Cursor {
        let text: Substring
        let file: String
        let line: Int
        var position: Substring.Index

        init(text: Substring, file: String, line: Int) {
            self.text = text
            self.file = file
            self.line = line
            position = text.startIndex
        }

        var peek: Character? { position < text.endIndex ? text[position] : nil }
        var atEndOrComment: Bool { peek == nil || peek == "#" }
        var rest: Substring { text[position...] }

        mutating func advance() { position = text.index(after: position) }

        mutating func skipSpaces() {
            while let character = peek, character == " " || character == "\t" { advance() }
        }

        mutating func take(_ character: Character) -> Bool {
            guard peek == character else { return false }
            advance()
            return true
        }

        func error(_ problem: String, fix: String) -> ConfigError {
            .syntax(file: file, line: line, problem: problem, fix: fix)
        }

        static func isBare(_ character: Character) -> Bool {
            character.isASCII && (character.isLetter || character.isNumber || character == "_" || character == "-")
        }

        mutating func bareKey(what: String) throws(ConfigError) -> String {
            let start = position
            while let character = peek, Self.isBare(character) { advance() }
            guard position > start else {
                throw error("expected a \(what) at \"\(rest.prefix(20))\"",
                            fix: "use letters, digits, _ or - (quoted and dotted keys are not supported)")
            }
            return String(text[start..<position])
        }

        mutating func sectionHeader() throws(ConfigError) -> String {
            advance()  // "["
            guard peek != "[" else {
                throw error("arrays of tables ([[…]]) are not supported", fix: "use a plain [section]")
            }
            skipSpaces()
            let name = try bareKey(what: "section name")
            skipSpaces()
            guard take("]") else { throw error("expected ] after [\(name)", fix: "write it as [\(name)]") }
            skipSpaces()
            guard atEndOrComment else {
                throw error("unexpected text after [\(name)]", fix: "put the section header on its own line")
            }
            return name
        }

        mutating func value(for key: String) throws(ConfigError) -> ConfigValue {
            switch peek {
            case nil, "#":
                throw error("\(key) has no value", fix: "write a value after =, e.g. \(key) = \"…\"")
            case "\"":
                return .string(try basicString())
            case "'":
                return .string(try literalString())
            case "[", "{":
                throw error("arrays and inline tables are not supported",
                            fix: "write a list as one string, e.g. \(key) = \"AAPL,MSFT\"")
            default:
                let start = position
                while let character = peek, character != " ", character != "\t", character != "#" { advance() }
                let word = String(text[start..<position])
                if word == "true" { return .boolean(true) }
                if word == "false" { return .boolean(false) }
                if let number = Self.number(word) { return number }
                throw error("cannot read the value \(word)",
                            fix: "put text in quotes (\(key) = \"\(word)\"); numbers and true/false go bare")
            }
        }

        /// `"…"` with TOML's escapes.
        mutating func basicString() throws(ConfigError) -> String {
            advance()
            var result = ""
            while let character = peek {
                advance()
                switch character {
                case "\"":
                    return result
                case "\\":
                    guard let escaped = peek else { break }
                    advance()
                    switch escaped {
                    case "n": result.append("\n")
                    case "t": result.append("\t")
                    case "r": result.append("\r")
                    case "\"": result.append("\"")
                    case "\\": result.append("\\")
                    case "u", "U":
                        let digits = escaped == "u" ? 4 : 8
                        let hex = rest.prefix(digits)
                        guard hex.count == digits, let code = UInt32(hex, radix: 16),
                              let scalar = Unicode.Scalar(code) else {
                            throw error("bad \\\(escaped) escape", fix: "write \\u followed by 4 hex digits")
                        }
                        result.unicodeScalars.append(scalar)
                        position = text.index(position, offsetBy: digits)
                    default:
                        throw error("unknown escape \\\(escaped)",
                                    fix: "use \\\\ for a backslash, or a 'single-quoted' string taken as written")
                    }
                default:
                    result.append(character)
                }
            }
            throw error("the string is not closed", fix: "end it with \" on the same line")
        }

        /// `'…'` taken exactly as written.
        mutating func literalString() throws(ConfigError) -> String {
            advance()
            let start = position
            while let character = peek, character != "'" { advance() }
            guard peek == "'" else { throw error("the string is not closed", fix: "end it with ' on the same line") }
            let result = String(text[start..<position])
            advance()
            return result
        }

        /// TOML numbers: optional sign, `_` between digits, a decimal point or exponent for decimals.
        static func number(_ word: String) -> ConfigValue? {
            guard let first = word.first, first.isNumber || first == "+" || first == "-" else { return nil }
            guard !word.hasPrefix("_"), !word.hasSuffix("_"), !word.contains("__") else { return nil }
            let digits = word.replacingOccurrences(of: "_", with: "")
            if let integer = Int(digits) { return .integer(integer) }
            guard digits.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }),
                  !digits.hasSuffix("."), !digits.contains(".e"), !digits.hasPrefix("."),
                  let value = Double(digits), value.isFinite else { return nil }
            return .number(value)
        }
    }
}
