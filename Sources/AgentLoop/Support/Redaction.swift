import Foundation
import Networking

/// Removes secrets from text a provider sent back before it goes into an error.
///
/// On top of the shared `Redactor` (the configured key, `key=value` pairs, bearer tokens), it
/// masks anything shaped like a provider key, because providers echo parts of a rejected key
/// ("Incorrect API key provided: sk-ab***yz").
enum Redaction {
    private static let keyShapes = try! NSRegularExpression(pattern: #"(sk-|sk_|key-)[A-Za-z0-9_\-\*\.]{4,}"#)

    static func redact(_ text: String, secret: String?) -> String {
        let scrubbed = Redactor.scrub(text, knownSecrets: secret.map { [$0] } ?? [])
        let range = NSRange(scrubbed.startIndex..., in: scrubbed)
        return keyShapes.stringByReplacingMatches(in: scrubbed, range: range, withTemplate: Redactor.placeholder)
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
