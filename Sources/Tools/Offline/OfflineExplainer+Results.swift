import AgentLoop
import Foundation

/// Comments on the result tools: backtests, signals, the leaderboard, and failed calls.
extension OfflineExplainer {
    func backtest(_ result: BacktestResult) -> String {
        let m = result.metrics
        var lines: [String] = []
        let universe = "\(result.universe) (\(plain(result.tickers)) ticker\(result.tickers == 1 ? "" : "s"))"
        var headline = "Backtest of \"\(result.strategyName)\" v\(plain(result.strategyVersion)), "
            + "\(result.startDate) to \(result.endDate) on \(universe): "
            + "total return \(percent(m.totalReturnPct)) (\(dollars(m.totalReturnDollars, signed: true)) on \(dollars(result.initialCapital)))"
        if let benchmark = m.benchmarkReturnPct { headline += ", against \(percent(benchmark)) for buy and hold of the benchmark" }
        lines.append(headline + ".")

        if m.totalTrades == 0 {
            var line = "It closed no trades in this range: the entry rules rarely held at the same time."
            if m.openPositions > 0 {
                line += " \(plain(m.openPositions)) position\(m.openPositions == 1 ? " was" : "s were") still open at the end, marked to the last close."
            }
            lines.append(line + " Loosening a threshold or testing a longer range would give it more chances.")
        } else {
            var line = "It closed \(plain(m.totalTrades)) trades and won \(plain(m.winningTrades)) of them (\(plain(m.winRate))%)"
            if let factor = m.profitFactor {
                line += "; profit factor \(plain(factor))"
            } else if let note = result.profitFactorNote {
                line += "; profit factor: \(note)"
            }
            if let win = m.avgWinPct, let loss = m.avgLossPct {
                line += ", with the average win \(percent(win)) against the average loss \(percent(loss))"
            }
            lines.append(line + ".")
            var risk = "The worst drop from a peak was -\(plain(m.maxDrawdownPct))%"
            if m.maxDrawdownDays > 0 { risk += ", lasting \(plain(m.maxDrawdownDays)) days" }
            if let sharpe = m.sharpeRatio { risk += "; Sharpe ratio \(plain(sharpe))" }
            lines.append(risk + ".")
            if let best = result.bestTrade {
                var trades = "Best trade: \(best.ticker) \(percent(best.pnlPct)) (\(dollars(best.pnl, signed: true)), \(days(best.daysHeld)))"
                if let worst = result.worstTrade {
                    trades += "; worst: \(worst.ticker) \(percent(worst.pnlPct)) (\(dollars(worst.pnl, signed: true)), \(days(worst.daysHeld)))"
                }
                lines.append(trades + ".")
            }
        }
        if let total = m.totalReturnPct, let benchmark = m.benchmarkReturnPct {
            lines.append(total > benchmark
                ? "That beat simply holding the benchmark over the same days."
                : "Simply holding the benchmark did better over the same days; the strategy's case would rest on its lower exposure, not its return.")
        }
        if !result.rangeNotes.isEmpty { lines.append("Dates: " + result.rangeNotes.joined(separator: "; ") + ".") }
        if !result.syntheticData.isEmpty {
            lines.append("Part of the data is a synthetic sample (generated, not real), so treat this as a test of the mechanics: "
                + result.syntheticData.joined(separator: "; ") + ".")
        }
        let warnings = result.warnings
        if !warnings.isEmpty {
            lines.append("Warning: " + warnings[0] + (warnings.count > 1 ? " (more in the table above)." : "."))
        }
        return lines.joined(separator: "\n")
    }

    func signals(_ result: SignalsResult) -> String {
        let name = result.strategyName
        let items = result.signals
        var lines: [String] = []
        guard !items.isEmpty else {
            lines.append("No entry signals for \"\(name)\" on \(result.today): none of the \(plain(result.tickersScanned)) tickers scanned meets every entry rule that day.")
            if result.belowMinConfidence > 0 {
                lines.append("\(plain(result.belowMinConfidence)) met the rules but scored under the minimum confidence.")
            }
            lines.append(result.todayNote)
            return lines.joined(separator: "\n")
        }
        lines.append("\(plain(result.signalCount)) entry signal\(items.count == 1 && result.signalCount == 1 ? "" : "s") for \"\(name)\" on \(result.today), from \(plain(result.tickersScanned)) tickers scanned:")
        for item in items.prefix(5) {
            var line = "  • \(item.ticker) at \(dollars(item.priceAtSignal)), confidence \(plain(item.confidenceScore))"
            var levels: [String] = []
            if let target = item.targetPrice { levels.append("target \(dollars(target))") }
            if let stop = item.stopPrice { levels.append("stop \(dollars(stop))") }
            if !levels.isEmpty { line += "; " + levels.joined(separator: ", ") }
            if !item.reasoning.isEmpty { line += ". Why: " + item.reasoning.joined(separator: "; ") }
            lines.append(line)
        }
        if items.count > 5 { lines.append("  … the rest are in the table above.") }
        if let capital = result.capitalNeededEstimate {
            lines.append("Taking every signal at the strategy's position size would need about \(dollars(capital)).")
        }
        lines.append("Confidence is how far past their thresholds the rules are, not a probability of profit.")
        if !result.todayNote.isEmpty { lines.append(result.todayNote) }
        return lines.joined(separator: "\n")
    }

    func leaderboard(_ result: LeaderboardResult) -> String {
        guard !result.strategies.isEmpty else { return "There is nothing to compare yet: you have no strategies. Describe one in plain words to start." }
        var lines = ["Your strategies side by side (\(result.window)):"]
        for item in result.strategies {
            var facts: [String] = []
            if let actual = item.actualReturnPct {
                facts.append("tracked return \(percent(actual)) over \(plain(item.actualTrades)) trades")
            } else if let hypothetical = item.hypotheticalReturnPct {
                facts.append("hypothetical return \(percent(hypothetical))")
            }
            if let paper = item.paperReturnPct {
                facts.append("paper return \(percent(paper)) over \(plain(item.paperTrades)) paper trade\(item.paperTrades == 1 ? "" : "s")")
            }
            if let backtest = item.lastBacktestReturnPct {
                var fact = "last backtest \(percent(backtest))"
                if let sharpe = item.lastBacktestSharpe { fact += " (Sharpe \(plain(sharpe)))" }
                facts.append(fact)
            } else {
                facts.append("not backtested")
            }
            facts.append("\(plain(item.signals)) signal\(item.signals == 1 ? "" : "s")")
            if let rate = item.winRate { facts.append("win rate \(plain(rate))%") }
            lines.append("  \(plain(item.rank)). \(item.name) (\(item.status)): " + facts.joined(separator: ", "))
        }
        if !result.insight.isEmpty { lines.append(result.insight) }
        return lines.joined(separator: "\n")
    }

    /// What to do next after a paper account change. The tool's display, shown just above, already says what
    /// changed (its `message`), so this never repeats it.
    func paperChange(_ result: ManagePaperAccountResult) -> String {
        switch result.action {
        case "open":
            return "It holds paper money, not real money. Next, say \"paper trade\" with a strategy's name (or /paper add ID); each `stratchat scan` then trades it."
        case "add":
            return "From now on each `stratchat scan` trades it in paper money, not real money; ask \"how is my paper account doing?\" or type /paper to see it."
        case "remove":
            return "Say \"paper trade\" with its name to attach it again; /paper shows the account."
        case "limits":
            return "The next scan holds entries to these limits, in paper money, not real money; /paper shows the account."
        default:
            return "/paper shows the account (paper money, not real money)."
        }
    }

    /// The paper account in two or three sentences, every figure copied from the result; paper money said so.
    func paperAccount(_ result: PaperAccountResult) -> String {
        var lines = ["Paper account \"\(result.account)\" (paper money, not real money): equity \(dollars(result.equity)) "
            + "(\(percent(result.returnPct)) on \(dollars(result.startingCapital)) of paper money), cash \(dollars(result.cash))."]
        guard let lastDay = result.lastDay else {
            lines.append(result.strategies.isEmpty
                ? "No strategy is attached yet and no scan has traded it: say \"paper trade\" with a strategy's name, then run `stratchat scan`."
                : "No scan has traded it yet: run `stratchat scan` (with `--from` and `--to` to replay past days).")
            return lines.joined(separator: "\n")
        }
        var facts = ["traded through \(lastDay)", "\(plain(result.positions.count)) open position\(result.positions.count == 1 ? "" : "s")",
                     "\(plain(result.tradeCount)) closed trade\(result.tradeCount == 1 ? "" : "s")"]
        let waiting = result.orders.filter { $0.status == "pending" }.count
        if waiting > 0 { facts.append("\(plain(waiting)) order\(waiting == 1 ? "" : "s") waiting for the next open") }
        lines.append("It has " + facts.dropFirst().joined(separator: ", ") + ", " + facts[0] + ".")
        if let benchmark = result.benchmark, let change = result.benchmarkReturnPct {
            lines.append("\(benchmark) bought with the same paper money over the same days: \(percent(change)).")
        }
        for record in result.record {
            var line = "  \(record.name): \(plain(record.closedTrades)) closed, \(plain(record.wins)) won, P&L \(dollars(record.pnl, signed: true))"
            if let rate = record.backtestWinRate, let p = record.decayPValue, let flag = record.decayFlag {
                line += "; against its backtest's \(plain(rate))% win rate, p = \(plain(p))" + (flag ? ", a sign it has decayed" : ", no sign of decay")
            }
            lines.append(line)
        }
        if result.halted { lines.append("It is halted (\(result.haltReason ?? "by hand")): no new entries until it is resumed.") }
        return lines.joined(separator: "\n")
    }

    /// "1 day", "27 days".
    func days(_ value: Int) -> String {
        "\(plain(value)) \(value == 1 ? "day" : "days")"
    }

    // MARK: - Failures

    /// A failed call in plain words with the fix; the tool's own wording is kept where it speaks to the person.
    func error(_ exchange: OfflineTranscript.Exchange) -> String {
        let failure = exchange.failure
        let reference = exchange.arguments["strategy_id"]?.stringValue ?? ""
        if failure?.needsConfirmation == true {
            let name = known.first { $0.id == reference }?.name ?? reference
            return "Deleting \"\(name)\" removes it with its versions, backtests and signals, for good. Delete it? (yes/no)"
        }
        if let guess = failure?.didYouMean {
            return "I couldn't find a strategy called \"\(reference)\". Did you mean \"\(guess)\"?"
        }
        if let candidates = failure?.candidates, !candidates.isEmpty {
            return "\"\(reference)\" matches several strategies: \(candidates.joined(separator: "; ")). Which one do you mean?"
        }
        if let missing = failure?.notFound {
            return "No strategy \"\(missing)\" found. Say \"list my strategies\" to see their names."
        }
        let message = failure.map { $0.problem ?? $0.error } ?? exchange.result.content
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
        case .analyzeStrategyRobustness: "The robustness check"
        case .managePaperAccount: "The paper account change"
        case .getPaperAccount: "Showing the paper account"
        }
    }
}
