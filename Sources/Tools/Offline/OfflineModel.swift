import AgentLoop
import Foundation

/// The built-in model: answers the same tool protocol as an LLM, deterministically and without a network,
/// so stratchat holds a useful conversation with no API key.
///
/// It maps the person's line to an intent and the tool calls for it (the strategy text itself is read by
/// the toolbox's interpreter, normally `TextParserStrategyInterpreter`), resolves "it" and "that one" to the
/// strategy created or mentioned last, and explains tool results from templates that only quote numbers the
/// results hold. It keeps no state: the same conversation always gives the same response.
///
/// Usage is reported as zero: no tokens are read or written, and a made-up estimate would only mislead
/// a status line that adds usage up.
package struct OfflineModel: ChatModel {
    /// The name every offline model answers to; sessions and transcripts use it to recognise one.
    package static let modelName = "offline"
    package let name = OfflineModel.modelName

    package init() {}

    package func respond(to conversation: [ChatMessage], tools: [ToolSpec]) -> AsyncThrowingStream<ModelEvent, any Error> {
        let reply = OfflineResponder(conversation: conversation, toolNames: Set(tools.map(\.name))).reply()
        let (stream, continuation) = AsyncThrowingStream<ModelEvent, any Error>.makeStream()
        for delta in Self.deltas(reply.text) { continuation.yield(.textDelta(delta)) }
        for call in reply.calls { continuation.yield(.toolCall(call)) }
        continuation.yield(.usage(.zero))
        continuation.yield(.done(reply.calls.isEmpty ? .endTurn : .toolUse))
        continuation.finish()
        return stream
    }

    /// The text in a few pieces, a line each, as a streaming model would send it; joined they give the text back.
    static func deltas(_ text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        var pieces: [String] = []
        var rest = Substring(text)
        while let newline = rest.firstIndex(of: "\n") {
            let end = rest.index(after: newline)
            pieces.append(String(rest[..<end]))
            rest = rest[end...]
        }
        if !rest.isEmpty { pieces.append(String(rest)) }
        return pieces
    }
}
