import Foundation

extension StrategyTextParser {
    /// The `stratchat parse --json` object: exactly `strategy` (strategy-file shape, defaults filled, or null),
    /// `assumptions`, `unrecognized` and `question` (or null).
    package func jsonObject(for result: ParseResult) -> JSONValue {
        var strategy = JSONValue.null
        if let value = result.strategy, let data = try? StrategyJSON.encoder.encode(value),
           let parsed = try? JSONValue.parse(data) {
            strategy = parsed
        }
        return [
            "strategy": strategy,
            "assumptions": .array(result.assumptions.map(JSONValue.string)),
            "unrecognized": .array(result.unrecognized.map(JSONValue.string)),
            "question": result.question.map(JSONValue.string) ?? .null,
        ]
    }
}
