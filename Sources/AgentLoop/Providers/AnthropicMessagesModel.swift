import Foundation
import Networking

/// A Claude model through the Anthropic messages API, streamed.
package struct AnthropicMessagesModel: ChatModel, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    package static let defaultBaseURL = URL(string: "https://api.anthropic.com")!

    package let model: String
    package let baseURL: URL
    /// The most the model may write in one response.
    package let maxTokens: Int
    private let endpoint: ProviderEndpoint

    /// - Parameter timeout: seconds of silence (no headers, no chunk) before the request fails.
    package init(
        model: String, baseURL: URL = Self.defaultBaseURL, apiKey: String?, transport: any HTTPTransport,
        maxTokens: Int = 4096, timeout: TimeInterval = 60
    ) {
        self.model = model
        self.baseURL = baseURL
        self.maxTokens = maxTokens
        let key = apiKey.flatMap { $0.isEmpty ? nil : $0 }
        endpoint = ProviderEndpoint(
            provider: "anthropic", model: model, keyVariable: "ANTHROPIC_API_KEY", secret: key, transport: transport, timeout: timeout)
    }

    package var name: String { "anthropic:\(model)" }
    package var description: String { "\(name) at \(baseURL.absoluteString)" }
    package var debugDescription: String { description }
    package var customMirror: Mirror { Mirror(self, children: ["name": name, "baseURL": baseURL.absoluteString]) }

    package func respond(to conversation: [ChatMessage], tools: [ToolSpec]) -> AsyncThrowingStream<ModelEvent, any Error> {
        do {
            return endpoint.stream(try request(for: conversation, tools: tools), decoder: AnthropicMessages.StreamDecoder())
        } catch {
            return AsyncThrowingStream { $0.finish(throwing: error) }
        }
    }

    /// The HTTP request for one response; internal so tests can check the wire shape.
    func request(for conversation: [ChatMessage], tools: [ToolSpec]) throws -> HTTPRequest {
        let body = AnthropicMessages.request(model: model, maxTokens: maxTokens, conversation: conversation, tools: tools)
        var headers = [
            "Content-Type": "application/json", "Accept": "text/event-stream", "anthropic-version": AnthropicMessages.version,
        ]
        if let key = endpoint.secret { headers["x-api-key"] = key }
        return HTTPRequest(
            method: "POST", url: ProviderEndpoint.join(baseURL, "/v1/messages"), headers: headers,
            body: try JSONEncoder().encode(body), timeout: endpoint.timeout)
    }
}
