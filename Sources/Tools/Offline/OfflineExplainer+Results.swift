import AgentLoop
import Foundation

/// Comments on the result tools: backtests, signals, the leaderboard, and failed calls.
extension OfflineExplainer {
    func backtest(_ json: AgentJSON) -> String {
        let m = json["metrics"] ?? .null
        var lines: [String] = []
        let universe = "\(text(json["universe"])) (\(number(json["tickers"])) ticker\(json["tickers"]?.numberValue == 1 ? "" : "s"))"
        var headline = "Backtest of \"\(text(json["strategy_name"]))\" v\(number(json["strategy_version"])), "
            + "\(text(json["start_date"])) to \(text(json["end_date"])) on \(universe): "
            + "total return \(percent(m["total_return_pct"])) (\(dollars(m["total_return_dollars"], signed: true)) on \(dollars(json["initial_capital"])))"
        if let benchmark = m["benchmark_return_pct"], benchmark != .null { headline += ", against \(percent(benchmark)) for buy and hold of the benchmark" }
        lines.append(headline + ".")

        let trades = m["total_trades"]?.numberValue ?? 0
        if trades == 0 {
            var line = "It closed no trades in this range: the entry rules rarely held at the same time."
            if let open = m["open_positions"]?.numberValue, open > 0 {
                line += " \(plain(m["open_positions"])) position\(open == 1 ? " was" : "s were") still open at the end, marked to the last close."
            }
            lines.append(line + " Loosening a threshold or testing a longer range would give it more chances.")
        } else {
            var line = "It closed \(plain(m["total_trades"])) trades and won \(plain(m["winning_trades"])) of them (\(plain(m["win_rate"]))%)"
            if let factor = m["profit_factor"], factor != .null {
                line += "; profit factor \(plain(factor))"
            } else if let note = json["profit_factor_note"]?.stringValue {
                line += "; profit factor: \(note)"
            }
            if let win = m["avg_win_pct"], win != .null, let loss = m["avg_loss_pct"], loss != .null {
                line += ", with the average win \(percent(win)) against the average loss \(percent(loss))"
            }
            lines.append(line + ".")
            var risk = "The worst drop from a peak was -\(plain(m["max_drawdown_pct"]))%"
            if let days = m["max_drawdown_days"]?.numberValue, days > 0 { risk += ", lasting \(plain(m["max_drawdown_days"])) days" }
            if let sharpe = m["sharpe_ratio"], sharpe != .null { risk += "; Sharpe ratio \(plain(sharpe))" }
            lines.append(risk + ".")
            if let best = json["best_trade"], best != .null {
                var trades = "Best trade: \(text(best["ticker"])) \(percent(best["pnl_pct"])) (\(dollars(best["pnl"], signed: true)), \(days(best["days_held"])))"
                if let worst = json["worst_trade"], worst != .null {
                    trades += "; worst: \(text(worst["ticker"])) \(percent(worst["pnl_pct"])) (\(dollars(worst["pnl"], signed: true)), \(days(worst["days_held"])))"
                }
                lines.append(trades + ".")
            }
        }
        if let total = m["total_return_pct"]?.numberValue, let benchmark = m["benchmark_return_pct"]?.numberValue {
            lines.append(total > benchmark
                ? "That beat simply holding the benchmark over the same days."
                : "Simply holding the benchmark did better over the same days; the strategy's case would rest on its lower exposure, not its return.")
        }
        let notes = strings(json["range_notes"])
        if !notes.isEmpty { lines.append("Dates: " + notes.joined(separator: "; ") + ".") }
        let synthetic = strings(json["synthetic_data"])
        if !synthetic.isEmpty {
            lines.append("Part of the data is a synthetic sample (generated, not real), so treat this as a test of the mechanics: "
                + synthetic.joined(separator: "; ") + ".")
        }
        let warnings = strings(json["warnings"])
        if !warnings.isEmpty {
            lines.append("Warning: " + warnings[0] + (warnings.count > 1 ? " (more in the table above)." : "."))
        }
        return lines.joined(separator: "\n")
    }

    func signals(_ json: AgentJSON) -> String {
        let name = text(json["strategy_name"])
        let items = json["signals"]?.arrayValue ?? []
        var lines: [String] = []
        guard !items.isEmpty else {
            lines.append("No entry signals for \"\(name)\" on \(text(json["today"])): none of the \(plain(json["tickers_scanned"])) tickers scanned meets every entry rule that day.")
            if let below = json["below_min_confidence"]?.numberValue, below > 0 {
                lines.append("\(plain(json["below_min_confidence"])) met the rules but scored under the minimum confidence.")
            }
            lines.append(text(json["today_note"]))
            return lines.joined(separator: "\n")
        }
        lines.append("\(plain(json["signal_count"])) entry signal\(items.count == 1 && json["signal_count"]?.numberValue == 1 ? "" : "s") for \"\(name)\" on \(text(json["today"])), from \(plain(json["tickers_scanned"])) tickers scanned:")
        for item in items.prefix(5) {
            var line = "  • \(text(item["ticker"])) at \(dollars(item["price_at_signal"])), confidence \(plain(item["confidence_score"]))"
            var levels: [String] = []
            if let target = item["target_price"], target != .null { levels.append("target \(dollars(target))") }
            if let stop = item["stop_price"], stop != .null { levels.append("stop \(dollars(stop))") }
            if !levels.isEmpty { line += "; " + levels.joined(separator: ", ") }
            let reasons = strings(item["reasoning"])
            if !reasons.isEmpty { line += ". Why: " + reasons.joined(separator: "; ") }
            lines.append(line)
        }
        if items.count > 5 { lines.append("  … the rest are in the table above.") }
        if let capital = json["capital_needed_estimate"], capital != .null {
            lines.append("Taking every signal at the strategy's position size would need about \(dollars(capital)).")
        }
        lines.append("Confidence is how far past their thresholds the rules are, not a probability of profit.")
        let note = text(json["today_note"])
        if !note.isEmpty { lines.append(note) }
        let synthetic = strings(json["synthetic_data"])
        if !synthetic.isEmpty { lines.append("Uses synthetic sample data (generated, not real): " + synthetic.joined(separator: "; ") + ".") }
        return lines.joined(separator: "\n")
    }

    func leaderboard(_ json: AgentJSON) -> String {
        let items = json["strategies"]?.arrayValue ?? []
        guard !items.isEmpty else { return "There is nothing to compare yet: you have no strategies. Describe one in plain words to start." }
        var lines = ["Your strategies side by side (\(text(json["window"]))):"]
        for item in items {
            var facts: [String] = []
            if let actual = item["actual_return_pct"], actual != .null {
                facts.append("tracked return \(percent(actual)) over \(plain(item["actual_trades"])) trades")
            } else if let hypothetical = item["hypothetical_return_pct"], hypothetical != .null {
                facts.append("hypothetical return \(percent(hypothetical))")
            }
            if let backtest = item["last_backtest_return_pct"], backtest != .null {
                var fact = "last backtest \(percent(backtest))"
                if let sharpe = item["last_backtest_sharpe"], sharpe != .null { fact += " (Sharpe \(plain(sharpe)))" }
                facts.append(fact)
            } else {
                facts.append("not backtested")
            }
            facts.append("\(plain(item["signals"])) signal\(item["signals"]?.numberValue == 1 ? "" : "s")")
            if let rate = item["win_rate"], rate != .null { facts.append("win rate \(plain(rate))%") }
            lines.append("  \(plain(item["rank"])). \(text(item["name"])) (\(text(item["status"]))): " + facts.joined(separator: ", "))
        }
        let insight = text(json["insight"])
        if !insight.isEmpty { lines.append(insight) }
        return lines.joined(separator: "\n")
    }

    /// "1 day", "27 days".
    func days(_ value: AgentJSON?) -> String {
        "\(plain(value)) \(value?.numberValue == 1 ? "day" : "days")"
    }

    // MARK: - Failures

    /// A failed call in plain words with the fix; the tool's own wording is kept where it speaks to the person.
    func error(_ exchange: OfflineTranscript.Exchange) -> String {
        let json = exchange.json
        let reference = exchange.arguments["strategy_id"]?.stringValue ?? ""
        if json["needs_confirmation"] == .bool(true) {
            let name = known.first { $0.id == reference }?.name ?? reference
            return "Deleting \"\(name)\" removes it with its versions, backtests and signals, for good. Delete it? (yes/no)"
        }
        if let guess = json["did_you_mean"]?.stringValue {
            return "I couldn't find a strategy called \"\(reference)\". Did you mean \"\(guess)\"?"
        }
        if let candidates = json["candidates"]?.arrayValue?.compactMap(\.stringValue), !candidates.isEmpty {
            return "\"\(reference)\" matches several strategies: \(candidates.joined(separator: "; ")). Which one do you mean?"
        }
        if let missing = json["not_found"]?.stringValue {
            return "No strategy \"\(missing)\" found. Say \"list my strategies\" to see their names."
        }
        let message = (json["problem"] ?? json["error"])?.stringValue ?? exchange.result.content
        return "\(exchange.tool.map(Self.action) ?? "The \(exchange.call.name) call") didn't work: \(message)"
    }

    static func action(_ tool: ToolName) -> String {
        switch tool {
        case .createTradingStrategy: "Creating the strategy"
        case .backtestStrategy: "The backtest"
        case .getStrategySignals: "The signal scan"
        case .compareStrategies: "The comparison"
        case .refineStrategy: "The change"
        case .listUserStrategies: "Listing your strategies"
        case .getStrategy: "Showing the strategy"
        case .revertStrategy: "Restoring the version"
        case .setStrategyActive: "Pausing or resuming"
        case .deleteStrategy: "Deleting"
        case .recordSignalAction: "The \(tool.rawValue) call"
        case .optimizeStrategy: "The sweep"
        }
    }
}
