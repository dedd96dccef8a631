import Foundation

/// One configured webhook: where alerts go, in which format, which events, and how patiently.
///
/// The URL of a Slack, Discord or ntfy webhook is itself the secret (its path holds the token), so it is
/// never shown or stored: people see `shownURL` (scheme and host only), the store keeps `id` (a fingerprint).
package struct AlertWebhook: Hashable, Sendable {
    package var url: URL
    package var format: AlertFormat
    /// The kinds of events sent here; nil sends every kind.
    package var events: Set<AlertEvent.Kind>?
    /// Seconds without progress before one attempt fails.
    package var timeout: TimeInterval
    /// Attempts after the first, after a 429, a 5xx, a timeout or a failed connection.
    package var retries: Int

    package static let defaultTimeout: TimeInterval = 10
    package static let defaultRetries = 3

    package init(url: URL, format: AlertFormat, events: Set<AlertEvent.Kind>? = nil,
                 timeout: TimeInterval = defaultTimeout, retries: Int = defaultRetries) {
        self.url = url
        self.format = format
        self.events = events
        self.timeout = timeout
        self.retries = retries
    }

    /// Whether an event of this kind goes to this webhook (a test goes everywhere).
    package func accepts(_ kind: AlertEvent.Kind) -> Bool {
        kind == .test || events?.contains(kind) ?? true
    }

    /// The URL as a person may see it: scheme, host and port, the rest masked.
    package var shownURL: String { Self.masked(url) }

    /// A stable name for the store: a 64-bit FNV-1a fingerprint of the format and URL, from which the URL cannot
    /// be read back.
    package var id: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in (format.rawValue + " " + url.absoluteString).utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return "wh-" + String(hash, radix: 16)
    }

    /// The pieces of the URL that may be secret, so any text echoed back can be scrubbed of them.
    package var secretParts: [String] {
        var parts = [url.absoluteString]
        if let components = URLComponents(url: url, resolvingAgainstBaseURL: false) {
            parts.append(components.path)
            parts += components.path.split(separator: "/").map(String.init).filter { $0.count >= 4 }
            if let query = components.query { parts.append(query) }
            parts += (components.queryItems ?? []).compactMap(\.value)
            if let user = components.user { parts.append(user) }
            if let password = components.password { parts.append(password) }
        }
        return parts.filter { $0.count >= 4 }.sorted { $0.count > $1.count }
    }

    /// `https://hooks.slack.com/********`: what a person can recognise without the token.
    package static func masked(_ url: URL) -> String {
        guard let scheme = url.scheme, let host = url.host else { return "********" }
        let port = url.port.map { ":\($0)" } ?? ""
        let hasRest = !(url.path.isEmpty || url.path == "/") || url.query != nil
        return "\(scheme)://\(host)\(port)" + (hasRest ? "/********" : "")
    }

    /// Text with every secret piece of the URL replaced, for messages built from what a server or the system said.
    package func scrub(_ text: String) -> String {
        var result = text
        for part in secretParts { result = result.replacingOccurrences(of: part, with: "********") }
        return result
    }
}
