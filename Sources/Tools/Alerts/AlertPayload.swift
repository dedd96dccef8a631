import Foundation
import StrategyCore

/// The HTTP body and headers of one alert in one webhook format; pure, so each format is tested on its bytes.
package struct AlertPayload: Hashable, Sendable {
    package var body: Data
    package var headers: [String: String]

    /// Discord refuses a `content` longer than this.
    package static let discordLimit = 2000

    package static func render(_ event: AlertEvent, as format: AlertFormat) -> AlertPayload {
        switch format {
        case .json:
            let document: JSONValue = .object([
                "source": "stratchat", "event": .string(event.kind.rawValue), "id": .string(event.id),
                "title": .string(event.title), "text": .string(event.message), "data": .object(event.data),
            ])
            return AlertPayload(body: encode(document), headers: jsonHeaders)
        case .slack:
            let text = "*\(slackEscaped(event.title))*\n\(slackEscaped(event.message))"
            return AlertPayload(body: encode(.object(["text": .string(text)])), headers: jsonHeaders)
        case .discord:
            var content = "**\(event.title)**\n\(event.message)"
            if content.count > discordLimit { content = String(content.prefix(discordLimit - 1)) + "…" }
            // No pings: the text comes partly from strategy names and reasoning a person typed.
            return AlertPayload(body: encode(.object(["content": .string(content),
                                                      "allowed_mentions": .object(["parse": .array([])])])),
                                headers: jsonHeaders)
        case .ntfy:
            return AlertPayload(body: Data(event.message.utf8),
                                headers: ["Content-Type": "text/plain; charset=utf-8", "Title": headerValue(event.title),
                                          "Tags": event.kind == .halt ? "warning" : "chart_with_upwards_trend"])
        }
    }

    static let jsonHeaders = ["Content-Type": "application/json"]

    /// Sorted keys, so the same event always gives the same bytes.
    static func encode(_ value: JSONValue) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)) ?? Data("{}".utf8)
    }

    /// Slack reads `<`, `>` and `&` as markup (links, mentions); these three are its escapes.
    static func slackEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    /// A header value on one line; text beyond ASCII as an RFC 2047 encoded word, which ntfy decodes.
    static func headerValue(_ text: String) -> String {
        let line = text.map { $0.isNewline ? " " : String($0) }.joined()
        guard line.unicodeScalars.contains(where: { !$0.isASCII || $0.value < 0x20 }) else { return line }
        return "=?UTF-8?B?" + Data(line.utf8).base64EncodedString() + "?="
    }
}
