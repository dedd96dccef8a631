import Foundation

/// Removes secrets from anything that may end up in an error message, a log or a transcript.
///
/// Keys travel in query strings (`apikey=`), in headers (`Authorization`, `x-api-key`) and sometimes
/// come back echoed in an error body, so every text we show passes through here first.
package enum Redactor {
    /// What a secret is replaced with.
    package static let placeholder = "REDACTED"

    /// Query parameter names whose values are secrets (compared case-insensitively).
    package static let secretQueryNames: Set<String> = [
        "apikey", "api_key", "api-key", "key", "token", "access_token", "refresh_token",
        "client_secret", "secret", "password", "sig", "signature",
    ]

    /// Header names whose values are secrets (compared case-insensitively).
    package static let secretHeaderNames: Set<String> = [
        "authorization", "proxy-authorization", "x-api-key", "api-key", "apikey", "cookie", "set-cookie",
        "openai-api-key", "x-goog-api-key", "apca-api-key-id", "apca-api-secret-key",
    ]

    /// The URL as text with secret query values, user name and password replaced.
    package static func endpoint(_ url: URL) -> String {
        guard var parts = URLComponents(url: url, resolvingAgainstBaseURL: true) else {
            return scrub(url.absoluteString)
        }
        if parts.user != nil { parts.user = placeholder }
        if parts.password != nil { parts.password = placeholder }
        if let items = parts.queryItems {
            parts.queryItems = items.map { item in
                isSecretQueryName(item.name) ? URLQueryItem(name: item.name, value: placeholder) : item
            }
        }
        return parts.string ?? scrub(url.absoluteString)
    }

    /// The headers with every secret value replaced.
    package static func headers(_ headers: [String: String]) -> [String: String] {
        var result: [String: String] = [:]
        for (name, value) in headers {
            result[name] = isSecretHeaderName(name) ? placeholder : value
        }
        return result
    }

    package static func isSecretQueryName(_ name: String) -> Bool {
        secretQueryNames.contains(name.lowercased())
    }

    package static func isSecretHeaderName(_ name: String) -> Bool {
        secretHeaderNames.contains(name.lowercased())
    }

    /// Free text (an error body, a system error message) with `name=value` secrets and bearer tokens replaced,
    /// and any of the given known secrets removed wherever they appear.
    package static func scrub(_ text: String, knownSecrets: [String] = []) -> String {
        var result = text
        for secret in knownSecrets where secret.count >= 4 {
            result = result.replacingOccurrences(of: secret, with: placeholder)
        }
        let names = secretQueryNames.sorted { $0.count > $1.count }
            .map { NSRegularExpression.escapedPattern(for: $0) }
            .joined(separator: "|")
        let patterns = [
            // apikey=abc, "apikey": "abc", api_key: abc
            "(?i)\\b(\(names))(\"?\\s*[=:]\\s*\"?)([^&\"\\s,;}]+)",
            "(?i)\\b(bearer)(\\s+)([A-Za-z0-9._~+/=-]+)",
        ]
        for pattern in patterns {
            guard let regex = try? NSRegularExpression(pattern: pattern) else { continue }
            let range = NSRange(result.startIndex..., in: result)
            result = regex.stringByReplacingMatches(in: result, range: range, withTemplate: "$1$2\(placeholder)")
        }
        return result
    }
}
