import Foundation
import StrategyCore

/// The bundled prompts (`prompts/*.md`), with their placeholders filled in from the program itself.
package enum Prompts {
    /// The agent's system prompt.
    package static func system() throws(ToolsError) -> String {
        try load("system")
    }

    /// The strategy parser's prompt with the generated schema, the field vocabulary and the timeframe defaults.
    package static func strategyParser() throws(ToolsError) -> String {
        fill(try load("strategy_parser"))
    }

    /// Replaces `{{schema}}`, `{{field_vocabulary}}` and `{{timeframe_defaults}}`.
    static func fill(_ template: String) -> String {
        template
            .replacingOccurrences(of: "{{schema}}", with: StrategySchema.strategy.canonicalText())
            .replacingOccurrences(of: "{{field_vocabulary}}", with: StrategySchema.fieldVocabulary)
            .replacingOccurrences(of: "{{timeframe_defaults}}", with: timeframeDefaults)
    }

    /// "short_term: stop 7%, target 15%, 30 days; …", from the model's own defaults.
    static var timeframeDefaults: String {
        Timeframe.allCases.map { timeframe in
            let d = timeframe.defaultRisk
            return "\(timeframe.rawValue): stop_loss_pct \(Int(d.stopLossPct)), take_profit_pct \(Int(d.takeProfitPct)), max_hold_days \(d.maxHoldDays)"
        }.joined(separator: "; ")
    }

    static func load(_ name: String) throws(ToolsError) -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: "md", subdirectory: "prompts")
                ?? Bundle.module.url(forResource: name, withExtension: "md"),
              let text = try? String(contentsOf: url, encoding: .utf8)
        else { throw .promptMissing("prompts/\(name).md") }
        return text
    }
}
