/// The body shape a webhook expects.
package enum AlertFormat: String, Codable, Hashable, Sendable, CaseIterable {
    /// `{"event": …, "id": …, "title": …, "text": …, "data": {…}}` for any receiver of JSON.
    case json
    /// Slack incoming webhooks: `{"text": …}` in Slack's mrkdwn.
    case slack
    /// Discord webhooks: `{"content": …}`, at most 2,000 characters.
    case discord
    /// ntfy: the message as the plain body, the title in a `Title` header.
    case ntfy
}
