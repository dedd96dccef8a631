/// One server-sent event, as the WHATWG HTML standard's event-stream format defines it.
package struct SSEEvent: Codable, Hashable, Sendable {
    /// The `event:` field, "message" when the server named none.
    package var event: String
    /// The `data:` lines joined with "\n".
    package var data: String
    /// The last `id:` seen on the stream so far, if any.
    package var id: String?
    /// A `retry:` reconnection time in milliseconds given with this event.
    package var retry: Int?

    package init(event: String = "message", data: String, id: String? = nil, retry: Int? = nil) {
        self.event = event
        self.data = data
        self.id = id
        self.retry = retry
    }
}
