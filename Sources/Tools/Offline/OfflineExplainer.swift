import AgentLoop
import Foundation
import MarketData
import StrategyCore

/// Writes the offline model's comments on tool results from templates.
///
/// It reads each result as the tool's own result type, the value whose encoding the model reads, so a renamed
/// key cannot silently leave it behind. The one rule: every number in the text is copied from the result
/// (already rounded there), never computed or rounded again here, so the text cannot state a figure the
/// tools did not produce.
struct OfflineExplainer {
    /// Strategies the conversation knows, to name one an error result refers to by id.
    var known: [OfflineTranscript.KnownStrategy] = []

    func explain(_ exchange: OfflineTranscript.Exchange) -> String {
        if !exchange.succeeded { return error(exchange) }
        let done = "Done: \(exchange.call.name) finished."
        switch exchange.tool {
        case .createTradingStrategy:
            switch exchange.decoded(CreateStrategyResult.self) {
            case .created(let result)?: return created(result)
            case .unresolved(let result)?: return unresolved(result, verb: "create it")
            case nil: return done
            }
        case .refineStrategy:
            switch exchange.decoded(RefineStrategyResult.self) {
            case .refined(let result)?: return refined(result)
            case .unresolved(let result)?: return unresolved(result, verb: "change it")
            case nil: return done
            }
        case .backtestStrategy: return exchange.decoded(BacktestResult.self).map(backtest) ?? done
        case .getStrategySignals: return exchange.decoded(SignalsResult.self).map(signals) ?? done
        case .compareStrategies: return exchange.decoded(LeaderboardResult.self).map(leaderboard) ?? done
        case .listUserStrategies: return exchange.decoded(StrategyListResult.self).map(list) ?? done
        case .getStrategy: return exchange.decoded(StrategyDetailResult.self).map(show) ?? done
        case .setStrategyActive: return exchange.decoded(StrategyActivityResult.self).map(activity) ?? done
        case .deleteStrategy:
            return exchange.decoded(DeleteStrategyResult.self).map { "Deleted \"\($0.name)\" with its versions, backtests and signals." } ?? done
        case .revertStrategy: return exchange.decoded(RevertStrategyResult.self).map(reverted) ?? done
        case .optimizeStrategy:
            return exchange.decoded(OptimizeResult.self).map { $0.note + " To keep the best variant as a new version, run the same sweep with /optimize and the word save." } ?? done
        case .analyzeStrategyRobustness: return exchange.decoded(RobustnessResult.self).map(\.note) ?? done
        case .managePaperAccount: return exchange.decoded(ManagePaperAccountResult.self).map(paperChange) ?? done
        case .getPaperAccount: return exchange.decoded(PaperAccountResult.self).map(paperAccount) ?? done
        case .recordSignalAction, nil: return done
        }
    }

    // MARK: - Strategies

    /// The rules in a sentence, and what the person can do next. The tool's own display, shown just above,
    /// already lists the rules, the filled-in values and the data line by line, so they are not repeated.
    func created(_ result: StrategyCreated) -> String {
        let strategy = result.strategy
        let timeframe = strategy.timeframe.replacingOccurrences(of: "_", with: "-")
        var lines = ["Created \"\(strategy.name)\" (id \(shortId(strategy.strategyId)), v\(plain(strategy.version))), a \(timeframe) strategy that "
            + rulesSentence(strategy.rules) + "."]
        if !result.assumptions.isEmpty {
            lines.append("What you didn't say is filled in as listed above; name any of it to change it, for example \"tighten the stop\".")
        }
        lines += syntheticLines(result.syntheticData)
        return lines.joined(separator: "\n")
    }

    func refined(_ result: StrategyRefined) -> String {
        let name = result.strategy.name
        guard result.changed else {
            return "That left \"\(name)\" as it was (still v\(plain(result.strategy.version))): nothing in the request changed a rule. "
                + "Name the rule and the new value, for example \"set the stop loss to\" a percentage."
        }
        let changes = ruleChanges(result.changes)
        var lines = ["Updated \"\(name)\" from v\(plain(result.previousVersion)) to v\(plain(result.strategy.version))"
            + (changes.isEmpty ? "." : ": " + changes.joined(separator: "; ") + ".")]
        lines.append("It now " + rulesSentence(result.strategy.rules) + ".")
        if !result.assumptions.isEmpty { lines.append("What the change filled in, assumed or found nothing to change for is listed above.") }
        lines += syntheticLines(result.syntheticData)
        return lines.joined(separator: "\n")
    }

    /// "buys when RSI(14) < 30, sells on 8% stop loss OR …, and puts 5% of portfolio in each position".
    func rulesSentence(_ rules: PlainRules) -> String {
        "buys when \(rules.entry), sells on \(rules.exit), and puts \(rules.positionSize) in each position"
    }

    func reverted(_ result: RevertStrategyResult) -> String {
        let name = result.strategy.name
        guard result.changed else {
            return "\"\(name)\" already matched v\(plain(result.restoredVersion)), so nothing changed."
        }
        var lines = ["Restored \"\(name)\" to the rules of v\(plain(result.restoredVersion)), saved as v\(plain(result.strategy.version)) so the history stays:"]
        lines += ruleChanges(result.changes).map { "  • \($0)" }
        return lines.joined(separator: "\n")
    }

    /// Nothing was stored: the parser's problems and its question, passed on as they are.
    func unresolved(_ result: UnresolvedStrategy, verb: String) -> String {
        let problems = result.problems
        let first = problems.isEmpty ? "I couldn't \(verb) yet." : "I couldn't \(verb) yet: " + problems.joined(separator: "; ") + "."
        return [first, result.question].joined(separator: "\n")
    }

    func list(_ result: StrategyListResult) -> String {
        let scope = result.activeOnly ? "active strategies" : "strategies"
        guard !result.strategies.isEmpty else {
            return "You have no \(scope) yet. Describe one in plain words, for example \"buy when insiders are buying and RSI is oversold\"."
        }
        var lines = ["Your \(scope):"]
        for item in result.strategies {
            var line = "  • \(item.name) (id \(shortId(item.strategyId)), v\(plain(item.version)), \(item.status))"
            if let value = item.lastBacktestReturnPct { line += ", last backtest \(percent(value))" }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    func show(_ result: StrategyDetailResult) -> String {
        let strategy = result.strategy
        var lines = ["\"\(strategy.name)\" (id \(shortId(strategy.strategyId)), v\(strategy.version), \(strategy.active ? "active" : "paused")):"]
        lines += strategy.rules.lines.map { "  \($0)" }
        if result.versions.count > 1 {
            let changes = result.versions.dropFirst().flatMap { ruleChanges($0.changes) }
            if !changes.isEmpty { lines.append("Changes so far: " + changes.joined(separator: "; ") + ".") }
        }
        if let last = result.lastBacktest {
            lines.append("Last backtest (v\(plain(last.version)), \(last.startDate) to \(last.endDate)): "
                + "\(percent(last.totalReturnPct)), win rate \(plain(last.winRate))% over \(plain(last.totalTrades)) trades.")
        } else {
            lines.append("It has not been backtested yet.")
        }
        lines += syntheticLines(result.syntheticData)
        return lines.joined(separator: "\n")
    }

    func activity(_ result: StrategyActivityResult) -> String {
        if !result.changed { return "\"\(result.name)\" was already \(result.status)." }
        return result.status == "paused"
            ? "Paused \"\(result.name)\": signal scans skip it, and its history is kept. Say \"resume it\" to bring it back."
            : "\"\(result.name)\" is active again; signal scans include it."
    }

    // MARK: - Shared pieces

    /// The rule changes; the description line follows from them and is left out.
    func ruleChanges(_ changes: [String]) -> [String] {
        changes.filter { StrategyDiff.Change.part(ofLine: $0) != StrategyDiff.Change.descriptionPart }
    }

    /// One line naming the fields whose data is a synthetic sample here.
    func syntheticLines(_ labels: [String]) -> [String] {
        let fields = labels.map(SyntheticAltData.field(inNote:))
        guard !fields.isEmpty else { return [] }
        return ["The data for \(fields.joined(separator: ", ")) is a synthetic sample here (generated, not real), "
            + "so results on it test the mechanics, not the idea."]
    }

    func shortId(_ id: String) -> String { String(id.prefix(8)) }

    /// A number exactly as the result holds it: no rounding, thousands grouped.
    func plain(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "n/a" }
        return Self.format(value)
    }

    func plain(_ value: Int) -> String { Self.format(Double(value)) }

    /// "+34.21%" or "-8.4%", from a percent-point value.
    func percent(_ value: Double?) -> String {
        guard let number = value, number.isFinite else { return "n/a" }
        return (number > 0 ? "+" : "") + Self.format(number) + "%"
    }

    /// "$12,345.60" or "$100,000" from a dollar value, signed when asked: cents are written with two digits
    /// (a trailing zero the JSON dropped is put back), and whole dollars without any.
    func dollars(_ value: Double?, signed: Bool = false) -> String {
        guard let number = value, number.isFinite else { return "n/a" }
        let sign = number < 0 ? "-" : signed && number > 0 ? "+" : ""
        var text = Self.format(abs(number))
        if let point = text.firstIndex(of: "."), text.distance(from: point, to: text.endIndex) == 2 { text += "0" }
        return sign + "$" + text
    }

    /// The shortest decimal text of `value` (as JSON printed it), with the integer part grouped by thousands.
    static func format(_ value: Double) -> String {
        var raw = AgentJSON.number(value).compactText
        if raw.contains("e") { return raw }
        let negative = raw.hasPrefix("-")
        if negative { raw.removeFirst() }
        let parts = raw.split(separator: ".", maxSplits: 1).map(String.init)
        var integer = parts[0]
        var grouped = ""
        while integer.count > 3 {
            grouped = "," + integer.suffix(3) + grouped
            integer = String(integer.dropLast(3))
        }
        grouped = integer + grouped
        return (negative ? "-" : "") + grouped + (parts.count > 1 ? "." + parts[1] : "")
    }
}
