import Foundation
import Networking

/// A model behind an OpenAI-compatible chat-completions endpoint, streamed.
///
/// Works at any base URL; with no key it sends no `Authorization` header, which is what
/// keyless local servers (Ollama, llama.cpp) expect.
package struct OpenAIChatModel: ChatModel, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    package static let defaultBaseURL = URL(string: "https://api.openai.com/v1")!

    package let model: String
    package let baseURL: URL
    private let endpoint: ProviderEndpoint

    /// - Parameter timeout: seconds of silence (no headers, no chunk) before the request fails.
    package init(model: String, baseURL: URL = Self.defaultBaseURL, apiKey: String?, transport: any HTTPTransport, timeout: TimeInterval = 60) {
        self.model = model
        self.baseURL = baseURL
        let key = apiKey.flatMap { $0.isEmpty ? nil : $0 }
        endpoint = ProviderEndpoint(
            provider: "openai", model: model, keyVariable: "OPENAI_API_KEY", secret: key, transport: transport, timeout: timeout)
    }

    package var name: String { "openai:\(model)" }
    package var description: String { "\(name) at \(baseURL.absoluteString)" }
    package var debugDescription: String { description }
    package var customMirror: Mirror { Mirror(self, children: ["name": name, "baseURL": baseURL.absoluteString]) }

    package func respond(to conversation: [ChatMessage], tools: [ToolSpec]) -> AsyncThrowingStream<ModelEvent, any Error> {
        do {
            return endpoint.stream(try request(for: conversation, tools: tools), decoder: OpenAIChat.StreamDecoder())
        } catch {
            return AsyncThrowingStream { $0.finish(throwing: error) }
        }
    }

    /// The HTTP request for one response; internal so tests can check the wire shape.
    func request(for conversation: [ChatMessage], tools: [ToolSpec]) throws -> HTTPRequest {
        let body = OpenAIChat.request(model: model, conversation: conversation, tools: tools)
        var headers = ["Content-Type": "application/json", "Accept": "text/event-stream"]
        if let key = endpoint.secret { headers["Authorization"] = "Bearer \(key)" }
        return HTTPRequest(
            method: "POST", url: ProviderEndpoint.join(baseURL, "/chat/completions"), headers: headers,
            body: try JSONEncoder().encode(body), timeout: endpoint.timeout)
    }
}
