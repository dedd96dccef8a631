import Foundation

/// Removes secrets from text a provider sent back before it goes into an error.
///
/// Providers echo parts of a rejected key ("Incorrect API key provided: sk-ab***yz"), so the
/// configured key is removed and anything shaped like a key is masked as well.
enum Redaction {
    private static let keyShapes = try! NSRegularExpression(pattern: #"(sk-|sk_|key-)[A-Za-z0-9_\-\*\.]{4,}"#)

    static func redact(_ text: String, secret: String?) -> String {
        var result = text
        if let secret, secret.count >= 4 { result = result.replacingOccurrences(of: secret, with: "[redacted]") }
        let range = NSRange(result.startIndex..., in: result)
        return keyShapes.stringByReplacingMatches(in: result, range: range, withTemplate: "[redacted]")
    }

    /// A short, single-line excerpt of a response body, preferring the provider's own error message.
    static func excerpt(_ body: Data, secret: String?) -> String {
        var text = String(decoding: body.prefix(4096), as: UTF8.self)
        if let json = try? AgentJSON.parse(body), let message = json["error"]?["message"]?.stringValue ?? json["error"]?.stringValue
            ?? json["message"]?.stringValue
        {
            text = message
        }
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
        let bounded = line.count > 300 ? String(line.prefix(300)) + "…" : line
        return redact(bounded, secret: secret)
    }
}
