import Basics
import Foundation
import StrategyCore
import TOMLKit
import Tools

/// Reads a config file with TOMLKit and flattens it into entries (`[keys]` + `fmp` → `keys.fmp`), each
/// with the line it was written on.
///
/// A file TOML cannot read is one `ConfigError.syntax` naming the file, the line and the fix. Nothing
/// written under `[keys]`, or under a name that holds a secret (key, secret, token, password), is ever
/// echoed in a message: such text shows as `(hidden)`.
enum ConfigFileReader {
    /// The entries in file order.
    /// - Parameter file: how error messages name the file.
    static func parse(_ text: String, file: String) throws(ConfigError) -> [ConfigEntry] {
        try parseDocument(text, file: file).entries
    }

    /// The entries in file order, and the webhooks of `[[alerts.webhook]]` (the one list of tables a file may hold).
    static func parseDocument(_ text: String, file: String) throws(ConfigError) -> (entries: [ConfigEntry], webhooks: [AlertWebhook]) {
        let layout = ConfigFileLayout(text)
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw diagnose(error, layout: layout, file: file)
        } catch {
            throw .syntax(file: file, line: 1, problem: "the file is not TOML", fix: "write one key = value per line")
        }
        var entries: [ConfigEntry] = []
        var webhooks: [AlertWebhook] = []
        try flatten(table, prefix: nil, layout: layout, file: file, into: &entries, webhooks: &webhooks)
        return (entries.sorted { ($0.line, $0.key) < ($1.line, $1.key) }, webhooks)
    }

    /// Walks the tables, turning each leaf into an entry; values a setting cannot take are refused here.
    private static func flatten(_ table: TOMLTable, prefix: String?, layout: ConfigFileLayout, file: String,
                                into entries: inout [ConfigEntry], webhooks: inout [AlertWebhook]) throws(ConfigError) {
        for (name, value) in table {
            let key = prefix.map { "\($0).\(name)" } ?? name
            let line = layout.line(of: key)
            let shown = ConfigSecrets.shownName(key)
            switch value.type {
            case .table where !(value.table?.inline ?? true):
                try flatten(value.table!, prefix: key, layout: layout, file: file, into: &entries, webhooks: &webhooks)
            case .array where key == ConfigWebhooks.name:
                webhooks = try ConfigWebhooks.read(value.array!, layout: layout, file: file)
            case .string:
                entries.append(ConfigEntry(key: key, value: .string(value.string ?? ""), line: line))
            case .int:
                entries.append(ConfigEntry(key: key, value: .integer(value.int ?? 0), line: line))
            case .bool:
                entries.append(ConfigEntry(key: key, value: .boolean(value.bool ?? false), line: line))
            case .double:
                guard let number = value.double, number.isFinite else {
                    throw .syntax(file: file, line: line, problem: "\(shown) is not a finite number",
                                  fix: "write a number such as 0.5; nan and inf are not allowed")
                }
                entries.append(ConfigEntry(key: key, value: .number(number), line: line))
            case .array where value.array?.first?.type == .table:
                throw .syntax(file: file, line: line, problem: "arrays of tables ([[…]]) are only read as [[\(ConfigWebhooks.name)]]",
                              fix: "use a plain [section]")
            case .array, .table:
                throw .syntax(file: file, line: line, problem: "arrays and inline tables are not supported",
                              fix: "write a list as one string, e.g. \(shown) = \"AAPL,MSFT\"")
            case .date, .time, .dateTime:
                throw .syntax(file: file, line: line, problem: "dates and times are not supported",
                              fix: "put the value in quotes (\(shown) = \"…\")")
            }
        }
    }

    /// Maps TOMLKit's error to one naming the line and the fix. The line's own text is quoted only where
    /// no secret can be in it.
    static func diagnose(_ error: TOMLParseError, layout: ConfigFileLayout, file: String) -> ConfigError {
        let number = max(1, error.source.begin.line)
        let line = layout.statement(at: number)
        let what = error.description
        func syntax(_ problem: String, _ fix: String) -> ConfigError {
            .syntax(file: file, line: number, problem: problem, fix: fix)
        }
        if what.contains("cannot redefine"), let key = line.key,
           let first = layout.firstLine(of: line.fullKey ?? key, before: number) {
            return .duplicateKey(file: file, line: number, key: ConfigSecrets.shownName(line.fullKey ?? key), firstLine: first)
        }
        if line.isHeader {
            if line.text.hasPrefix("[["), line.section != ConfigWebhooks.name {
                return syntax("arrays of tables ([[…]]) are only read as [[\(ConfigWebhooks.name)]]", "use a plain [section]")
            }
            let name = line.shownHeader
            return syntax("expected ] after [\(name)", "write it as [\(name)]")
        }
        guard let key = line.key else {
            return syntax("expected a key", "write key = value, the key in letters, digits, _ or -")
        }
        let name = line.shownKey
        guard let value = line.value else {
            return line.shownKey == key ? syntax("expected = after \(name)", "write it as \(name) = value")
                : syntax("expected = after the name on this line", "write each setting as name = value")
        }
        if value.isEmpty || value.hasPrefix("#") {
            return syntax("\(name) has no value", "write a value after =, e.g. \(name) = \"…\"")
        }
        let shownValue = line.isSecret ? ConfigSecrets.hidden : value
        switch value.first {
        case "\"" where what.contains("escape"):
            return syntax("unknown escape in the value of \(name)",
                          "use \\\\ for a backslash, or a 'single-quoted' string taken as written")
        case "\"", "'":
            if what.contains("EOF") || what.contains("end of") || what.contains("string") {
                let quote = value.first!
                return syntax("the string is not closed", "end it with \(quote) on the same line")
            }
            return syntax("unexpected text after the value of \(name)",
                          "put one key = value per line; start comments with #")
        case "[", "{":
            return syntax("arrays and inline tables are not supported",
                          "write a list as one string, e.g. \(name) = \"AAPL,MSFT\"")
        default:
            if value.contains(where: { $0 == " " || $0 == "\t" }), what.contains("value-terminator")
                || what.contains("comment or whitespace") {
                return syntax("unexpected text after the value of \(name)",
                              "put one key = value per line; start comments with #")
            }
            return syntax("cannot read the value \(shownValue)",
                          "put text in quotes (\(name) = \"\(shownValue)\"); numbers and true/false go bare")
        }
    }
}

/// The file's lines as written: which section each is in and which key it sets, so entries and errors can
/// name their line (TOMLKit keeps no positions for values).
struct ConfigFileLayout {
    /// One line, split into what a key = value statement or a [section] header holds.
    struct Statement {
        var text: String
        var section: String?
        var isHeader = false
        /// The key as written, quotes removed; nil when the line has none.
        var key: String?
        /// The text after `=`, trimmed; nil when the line has no `=`.
        var value: String?

        var fullKey: String? { key.map { k in section.map { "\($0).\(k)" } ?? k } }
        /// Whether the line sits under a secret name, so nothing of it is shown.
        var isSecret: Bool {
            // A webhook's url carries its token.
            ConfigSecrets.isSecret(fullKey ?? section ?? text) || section == ConfigWebhooks.name
        }
        /// The key as a message may show it: hidden under a secret name unless it is a known setting; on a
        /// line without `=` only a known name is shown, since the line may be a pasted key.
        var shownKey: String {
            guard let key, let fullKey else { return ConfigSecrets.hidden }
            let known = ConfigKey(rawValue: fullKey) != nil
                || ConfigKey.allCases.contains { $0.name.split(separator: ".").last.map(String.init) == key }
            if value == nil { return known ? key : ConfigSecrets.hidden }
            return isSecret && !known ? ConfigSecrets.hidden : key
        }
        var shownHeader: String {
            let name = text.dropFirst().prefix { $0 != "]" }.trimmingCharacters(in: .whitespaces)
            return ConfigSecrets.isSecret(name) && name != "keys" ? ConfigSecrets.hidden : name
        }
    }

    let statements: [Statement]

    init(_ text: String) {
        var section: String?
        var statements: [Statement] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = Substring(raw)
            if index == 0, line.hasPrefix("\u{FEFF}") { line = line.dropFirst() }
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            var statement = Statement(text: trimmed, section: section)
            if trimmed.hasPrefix("[") {
                statement.isHeader = true
                let name = trimmed.drop { $0 == "[" }.prefix { $0 != "]" }.trimmingCharacters(in: .whitespaces)
                section = Self.unquoted(name)
                statement.section = section
            } else if !trimmed.isEmpty, !trimmed.hasPrefix("#") {
                let parts = trimmed.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                var written = parts[0].trimmingCharacters(in: .whitespaces)
                if parts.count == 1 { written = String(written.prefix { $0 != " " && $0 != "\t" }) }
                let key = Self.unquoted(written)
                statement.key = key.isEmpty ? nil : key
                if parts.count == 2 { statement.value = parts[1].trimmingCharacters(in: .whitespaces) }
            }
            statements.append(statement)
        }
        self.statements = statements
    }

    /// The statement on a line (1-based); an empty one past the end.
    func statement(at line: Int) -> Statement {
        line >= 1 && line <= statements.count ? statements[line - 1] : Statement(text: "")
    }

    /// The first line that sets `key` (dotted with its section), or 1 when none can be found.
    func line(of key: String) -> Int {
        (statements.firstIndex { $0.fullKey == key }).map { $0 + 1 } ?? 1
    }

    /// The lines of every `[[name]]` header, in order: one per table of the list.
    func arrayTableHeaders(_ name: String) -> [Int] {
        statements.indices.filter { statements[$0].isHeader && statements[$0].text.hasPrefix("[[") && statements[$0].section == name }
            .map { $0 + 1 }
    }

    /// The line setting `key` in the table whose header is on `header`, else the header's line.
    func line(of key: String, inTableStartingAt header: Int) -> Int {
        for index in header..<statements.count {
            let statement = statements[index]
            if statement.isHeader { break }
            if statement.key == key { return index + 1 }
        }
        return header
    }

    func firstLine(of key: String, before line: Int) -> Int? {
        statements.prefix(line - 1).firstIndex { $0.fullKey == key }.map { $0 + 1 }
    }

    private static func unquoted(_ text: String) -> String {
        let parts = text.split(separator: ".").map { part -> String in
            let part = part.trimmingCharacters(in: .whitespaces)
            if part.count >= 2, let first = part.first, first == "\"" || first == "'", part.last == first {
                return String(part.dropFirst().dropLast())
            }
            return part
        }
        return parts.joined(separator: ".")
    }
}

/// Which config names hold secrets, and how such text is shown in a message.
enum ConfigSecrets {
    static let hidden = "(hidden)"
    private static let words = ["key", "secret", "token", "password"]

    /// True for a name under `[keys]` or one containing key, secret, token or password (any case).
    static func isSecret(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return words.contains { lowered.contains($0) }
    }

    /// A dotted key as a message may show it: a known setting as it is, a secret-bearing unknown name
    /// hidden after its `keys.` section (it may be a pasted key).
    static func shownName(_ key: String) -> String {
        guard isSecret(key), ConfigKey(rawValue: key) == nil else { return key }
        // A near miss of a setting's name ("keys.opnai") is a typo, not a pasted key.
        let names = ConfigKey.allCases.flatMap { [$0.name, String($0.name.split(separator: ".").last ?? "")] }
        if EditDistance.closest(to: key, in: names) != nil { return key }
        return key.hasPrefix("keys.") ? "keys." + hidden : hidden
    }
}
