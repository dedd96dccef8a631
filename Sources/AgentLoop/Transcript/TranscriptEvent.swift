import Foundation

/// One line of a transcript file: a JSON object whose `type` says which fields it carries.
///
/// A flat record with optional fields rather than an enum with payloads, so the file reads as plain
/// JSON (`{"type":"tool_result","name":"backtest_strategy",…}`) and older readers skip fields they do not
/// know. Keys and authorization headers are never part of any event: only the model's name is recorded.
public struct TranscriptEvent: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Hashable, Sendable {
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
    public struct Call: Codable, Hashable, Sendable {
        public var id: String
        public var name: String
        public var arguments: String

        public init(_ call: ToolCall) {
            id = call.id
            name = call.name
            arguments = call.argumentsJSON
        }

        public var toolCall: ToolCall { ToolCall(id: id, name: name, argumentsJSON: arguments) }
    }

    public var type: Kind
    public var at: Date?
    public var model: String?
    public var provider: String?
    public var version: String?
    /// Seeds the id generator, so a replay creates the same ids.
    public var seed: UInt64?
    public var user: String?
    /// The settings tools ran with, by name, so a replay uses the same ones.
    public var settings: [String: String]?
    public var text: String?
    public var toolCalls: [Call]?
    /// For `model_response`: whether tools were offered (the agent's request) or not (a tool asking the
    /// model for plain text, such as the strategy parser).
    public var withTools: Bool?
    public var stop: String?
    /// For `model_response`: the error that ended it instead of a normal stop.
    public var error: String?
    public var usage: TokenUsage?
    public var sessionUsage: TokenUsage?
    public var callId: String?
    public var name: String?
    public var arguments: String?
    /// For `tool_result`: the compact JSON the model read.
    public var content: String?
    /// For `tool_result`: the text the person saw.
    public var display: String?
    public var isError: Bool?
    public var elapsedMs: Int?
    public var answer: Bool?
    public var rounds: Int?
    public var outcome: String?

    public init(type: Kind, at: Date? = nil) {
        self.type = type
        self.at = at
    }
}

extension TranscriptEvent {
    /// One compact JSON line (no line breaks inside), keys in a stable order.
    public func jsonLine() throws -> String {
        String(decoding: try Self.encoder.encode(self), as: UTF8.self)
    }

    public static func decode(line: String) throws -> TranscriptEvent {
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
