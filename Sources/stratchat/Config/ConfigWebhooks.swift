import Basics
import Foundation
import TOMLKit
import Tools

/// Reads the `[[alerts.webhook]]` tables of a config file into webhooks, each error naming the file, the line
/// and the fix. A webhook's URL holds its token, so no message ever quotes it.
///
/// ```toml
/// [[alerts.webhook]]
/// url = "https://hooks.slack.com/services/…"
/// format = "slack"            # json (default), slack, discord or ntfy
/// events = ["signal", "halt"] # default: every kind
/// timeout = 10                # seconds per attempt
/// retries = 3                 # after a 429, a 5xx, a timeout or a failed connection
/// ```
enum ConfigWebhooks {
    /// The config file's name for the list, and the keys one webhook may have.
    static let name = "alerts.webhook"
    static let keys = ["url", "format", "events", "timeout", "retries"]

    static func read(_ array: TOMLArray, layout: ConfigFileLayout, file: String) throws(ConfigError) -> [AlertWebhook] {
        let headers = layout.arrayTableHeaders(name)
        var webhooks: [AlertWebhook] = []
        for (index, element) in array.enumerated() {
            let header = index < headers.count ? headers[index] : layout.line(of: name)
            guard let table = element.table else {
                throw .syntax(file: file, line: header, problem: "\(name) must be a list of tables",
                              fix: "write each webhook under its own [[\(name)]] line")
            }
            webhooks.append(try webhook(table, header: header, layout: layout, file: file))
        }
        return webhooks
    }

    private static func webhook(_ table: TOMLTable, header: Int, layout: ConfigFileLayout,
                                file: String) throws(ConfigError) -> AlertWebhook {
        func line(_ key: String) -> Int { layout.line(of: key, inTableStartingAt: header) }
        func bad(_ key: String, _ value: String, _ expected: String) -> ConfigError {
            .badValue(origin: "\(file) line \(line(key))", key: "\(name).\(key)", value: value, expected: expected)
        }
        for (key, _) in table where !keys.contains(key) {
            let near = EditDistance.closest(to: key, in: keys)
            throw .syntax(file: file, line: line(key), problem: "unknown key \"\(ConfigSecrets.shownName(key))\" in [[\(name)]]",
                          fix: (near.map { "did you mean \"\($0)\"? " } ?? "") + "Valid keys: \(keys.joined(separator: ", "))")
        }
        guard let text = table["url"]?.string else {
            if table["url"] != nil { throw bad("url", "(hidden)", "an http:// or https:// address in quotes") }
            throw .syntax(file: file, line: header, problem: "a [[\(name)]] has no url",
                          fix: "add url = \"https://…\" under it (the webhook's address from Slack, Discord, ntfy or your server)")
        }
        guard let url = URL(string: text.trimmingCharacters(in: .whitespaces)),
              let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host != nil else {
            throw bad("url", "(hidden)", "an http:// or https:// address in quotes")
        }
        var format = AlertFormat.json
        if let value = table["format"] {
            guard let word = value.string, let chosen = AlertFormat(rawValue: word.lowercased()) else {
                throw bad("format", shown(value), "one of \(AlertFormat.allCases.map(\.rawValue).joined(separator: ", ")) (in quotes)")
            }
            format = chosen
        }
        var events: Set<AlertEvent.Kind>?
        if let value = table["events"] {
            let kinds = ["signal", "fill", "halt"]
            let expected = "a list of \(kinds.joined(separator: ", ")), e.g. [\"signal\", \"halt\"]"
            guard let list = value.array, list.count > 0 else { throw bad("events", shown(value), expected) }
            var chosen = Set<AlertEvent.Kind>()
            for item in list {
                guard let word = item.string?.lowercased(), kinds.contains(word), let kind = AlertEvent.Kind(rawValue: word) else {
                    throw bad("events", item.string.map { "\"\($0)\"" } ?? "\(item)", expected)
                }
                chosen.insert(kind)
            }
            events = chosen
        }
        var timeout = AlertWebhook.defaultTimeout
        if let value = table["timeout"] {
            guard let seconds = value.double ?? value.int.map(Double.init), seconds > 0, seconds <= 120 else {
                throw bad("timeout", shown(value), "seconds above 0, at most 120")
            }
            timeout = seconds
        }
        var retries = AlertWebhook.defaultRetries
        if let value = table["retries"] {
            guard let count = value.int, (0...10).contains(count) else {
                throw bad("retries", shown(value), "a whole number from 0 to 10")
            }
            retries = count
        }
        return AlertWebhook(url: url, format: format, events: events, timeout: timeout, retries: retries)
    }

    private static func shown(_ value: any TOMLValueConvertible) -> String {
        if let text = value.string { return "\"\(text)\"" }
        if let number = value.int { return String(number) }
        if let number = value.double { return String(number) }
        if let flag = value.bool { return String(flag) }
        return "a \(value.type)"
    }
}
