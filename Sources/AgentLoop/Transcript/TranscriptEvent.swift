import Foundation

/// One line of a transcript file: a JSON object whose `type` says which fields it carries.
///
/// A flat record with optional fields rather than an enum with payloads, so the file reads as plain
/// JSON (`{"type":"tool_result","name":"backtest_strategy",…}`) and older readers skip fields they do not
/// know. Keys and authorization headers are never part of any event: only the model's name is recorded.
package struct TranscriptEvent: Codable, Hashable, Sendable {
    package enum Kind: String, Codable, Hashable, Sendable {
        /// The first line: model, provider, program version, seed for ids, settings.
        case session
        /// A line the person typed.
        case user
        /// One complete model response as it streamed in: what `ReplayModel` answers with.
        case modelResponse = "model_response"
        /// The assistant message the loop kept for one round.
        case assistant
        case toolCall = "tool_call"
        case toolResult = "tool_result"
        /// The person's yes or no to a question a tool asked before it ran (deleting a strategy).
        case confirmation
        /// Something the person was told that is not a tool result: round cap, repeated failure, cancellation, error.
        case notice
        case turnEnd = "turn_end"
        /// `/model` switched the model.
        case modelSwitch = "model_switch"
    }

    /// A tool call as recorded: arguments kept as the model sent them.
    package struct Call: Codable, Hashable, Sendable {
        package var id: String
        package var name: String
        package var arguments: String

        package init(_ call: ToolCall) {
            id = call.id
            name = call.name
            arguments = call.argumentsJSON
        }

        package var toolCall: ToolCall { ToolCall(id: id, name: name, argumentsJSON: arguments) }
    }

    package var type: Kind
    package var at: Date?
    package var model: String?
    package var provider: String?
    package var version: String?
    /// Seeds the id generator, so a replay creates the same ids.
    package var seed: UInt64?
    package var user: String?
    /// The settings tools ran with, by name, so a replay uses the same ones.
    package var settings: [String: String]?
    package var text: String?
    package var toolCalls: [Call]?
    /// For `model_response`: whether tools were offered (the agent's request) or not (a tool asking the
    /// model for plain text, such as the strategy parser).
    package var withTools: Bool?
    package var stop: String?
    /// For `model_response`: the error that ended it instead of a normal stop.
    package var error: String?
    package var usage: TokenUsage?
    package var sessionUsage: TokenUsage?
    package var callId: String?
    package var name: String?
    package var arguments: String?
    /// For `tool_result`: the compact JSON the model read.
    package var content: String?
    /// For `tool_result`: the text the person saw.
    package var display: String?
    package var isError: Bool?
    package var elapsedMs: Int?
    package var answer: Bool?
    package var rounds: Int?
    package var outcome: String?

    package init(type: Kind, at: Date? = nil) {
        self.type = type
        self.at = at
    }
}

extension TranscriptEvent {
    /// One compact JSON line (no line breaks inside), keys in a stable order.
    package func jsonLine() throws -> String {
        String(decoding: try Self.encoder.encode(self), as: UTF8.self)
    }

    package static func decode(line: String) throws -> TranscriptEvent {
        try decoder.decode(TranscriptEvent.self, from: Data(line.utf8))
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(TranscriptTime.text(date))
        }
        return encoder
    }()

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = TranscriptTime.date(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO 8601 time: \(text)")
            }
            return date
        }
        return decoder
    }()
}

/// Times in transcripts: ISO 8601 in UTC with milliseconds.
enum TranscriptTime {
    static func text(_ date: Date) -> String {
        formatter(fractional: true).string(from: date)
    }

    static func date(_ text: String) -> Date? {
        formatter(fractional: true).date(from: text) ?? formatter(fractional: false).date(from: text)
    }

    private static func formatter(fractional: Bool) -> ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = fractional ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter
    }
}
