import AgentLoop
import Foundation
import Store
import StrategyCore

/// The strategy management tools: list, show with history, revert, pause or resume, delete.
extension StrategyToolbox {
    func list(_ input: ListStrategiesInput) throws -> ToolOutput {
        let activeOnly = input.activeOnly ?? true
        let strategies = try context.store.listStrategies(user: context.userId, activeOnly: activeOnly)
        var items: [StrategyListResult.Item] = []
        var rows: [[String]] = []
        for strategy in strategies {
            let backtest = try context.store.latestBacktest(strategyId: strategy.id, user: context.userId)
            items.append(StrategyListResult.Item(
                strategyId: strategy.id, name: strategy.name, version: strategy.version,
                status: strategy.isActive ? "active" : "paused", timeframe: strategy.timeframe.rawValue,
                rules: strategy.plainRules, lastBacktestReturnPct: modelFigure(backtest?.totalReturnPct)))
            rows.append([
                Self.shortId(strategy.id), strategy.name, "v\(strategy.version)", strategy.isActive ? "Active" : "Paused",
                strategy.timeframe.rawValue.replacingOccurrences(of: "_", with: " "),
                NumberText.percent(backtest?.totalReturnPct),
                strategy.plainRules.entry,
            ])
        }
        let scope = activeOnly ? "active strategies" : "strategies"
        let model = StrategyListResult(activeOnly: activeOnly, strategies: items)
        guard !strategies.isEmpty else {
            let hint = activeOnly ? " (paused ones are hidden; list with active_only false to see them)" : ""
            return ToolOutput(result: model, display: "No \(scope) yet\(hint).")
        }
        let table = TextTable(
            columns: [.init("Id"), .init("Name"), .init("Ver"), .init("Status"), .init("Timeframe", dropPriority: 2),
                      .init("Last backtest", dropPriority: 1), .init("Entry", dropPriority: 3)],
            rows: rows)
        return ToolOutput(result: model, display: "\(strategies.count) \(scope):\n" + render(table))
    }

    func show(_ input: ShowStrategyInput) throws -> ToolOutput {
        let strategy = try strategy(input.strategyId)
        let id = strategy.id
        let versions = try context.store.versions(strategyId: id, user: context.userId)
        let backtest = try context.store.latestBacktest(strategyId: id, user: context.userId)
        let synthetic = syntheticNotes(for: strategy.definition)

        let model = StrategyDetailResult(
            strategy: StrategyFacts(strategy), description: strategy.description, naturalLanguageInput: strategy.naturalLanguageInput,
            versions: versions.map { v in
                .init(version: v.version, changes: v.diff.changes.map(\.line), note: v.note, createdAt: Self.timestamp(v.createdAt))
            },
            lastBacktest: backtest.map { backtest in
                .init(backtestId: backtest.backtestId ?? "", version: backtest.strategyVersion ?? 0,
                      startDate: backtest.startDate.iso, endDate: backtest.endDate.iso,
                      totalReturnPct: modelFigure(backtest.totalReturnPct), winRate: modelFigure(backtest.winRate),
                      totalTrades: backtest.totalTrades, sharpeRatio: modelFigure(backtest.sharpeRatio),
                      maxDrawdownPct: modelFigure(backtest.maxDrawdownPct))
            },
            syntheticData: synthetic)

        var lines = ["\"\(strategy.name)\" (id \(id), v\(strategy.version), \(strategy.isActive ? "active" : "paused"))"]
        if !strategy.description.isEmpty { lines.append(strategy.description) }
        if !strategy.naturalLanguageInput.isEmpty { lines.append("From: \"\(strategy.naturalLanguageInput)\"") }
        lines.append("")
        lines += describe(strategy.definition, assumptions: [], synthetic: synthetic)
        lines.append("")
        let history = TextTable(
            columns: [.init("Version"), .init("Saved"), .init("Changes")],
            rows: versions.map { v in
                ["v\(v.version)", Self.timestamp(v.createdAt),
                 v.version == 1 ? "created" + (v.note.map { ": \($0)" } ?? "") : v.diff.summary]
            })
        lines.append("Versions:")
        var text = lines.joined(separator: "\n") + "\n" + render(history)
        if let backtest {
            text += "Last backtest (v\(backtest.strategyVersion ?? 0), \(backtest.startDate) to \(backtest.endDate)): "
                + "\(NumberText.percent(backtest.totalReturnPct)), win rate \(NumberText.percent(backtest.winRate, signed: false)) over \(backtest.totalTrades) trades, Sharpe \(NumberText.ratio(backtest.sharpeRatio))\n"
        } else {
            text += "Not backtested yet.\n"
        }
        return ToolOutput(result: model, display: text)
    }

    func revert(_ input: RevertStrategyInput) throws -> ToolOutput {
        let strategy = try strategy(input.strategyId)
        guard let version = input.version else {
            throw ToolsError.missingArgument(tool: RevertStrategyInput.tool.rawValue, name: RevertStrategyInput.CodingKeys.version.stringValue)
        }
        guard version >= 1, version <= strategy.version else {
            throw ToolsError.invalidArgument(
                tool: RevertStrategyInput.tool.rawValue, name: RevertStrategyInput.CodingKeys.version.stringValue, reason: "is \(version), but \"\(strategy.name)\" has versions 1 to \(strategy.version)",
                fix: "Pick one of its versions (\(ToolName.getStrategy.rawValue) lists them).")
        }
        let (stored, diff) = try context.store.revertStrategy(id: strategy.id, to: version, user: context.userId)
        let model = RevertStrategyResult(strategy: StrategyFacts(stored), restoredVersion: version, changes: diff.changes.map(\.line))
        var lines: [String]
        if diff.isEmpty {
            lines = ["\"\(stored.name)\" v\(stored.version) already equals v\(version); nothing changed."]
        } else {
            lines = ["Restored \"\(stored.name)\" to the definition of v\(version), saved as v\(stored.version) (history kept).", "", "Changes:"]
            lines += diff.changes.map { "  • \($0.line)" }
        }
        lines.append("")
        lines += stored.plainDescription.map { "  \($0)" }
        return ToolOutput(result: model, display: lines.joined(separator: "\n"))
    }

    func setActive(_ input: SetStrategyActiveInput) throws -> ToolOutput {
        let strategy = try strategy(input.strategyId)
        guard let active = input.active else {
            throw ToolsError.missingArgument(tool: SetStrategyActiveInput.tool.rawValue, name: SetStrategyActiveInput.CodingKeys.active.stringValue)
        }
        let updated = try context.store.setActive(id: strategy.id, user: context.userId, active: active)
        let word = active ? "active" : "paused"
        let unchanged = strategy.isActive == active
        let model = StrategyActivityResult(strategyId: updated.id, name: updated.name, status: word, changed: !unchanged)
        let text = unchanged
            ? "\"\(updated.name)\" (id \(Self.shortId(updated.id))) was already \(word)."
            : "\"\(updated.name)\" (id \(Self.shortId(updated.id))) is now \(word)" + (active ? "; signal scans include it again." : "; signal scans skip it, and its history is kept.")
        return ToolOutput(result: model, display: text)
    }

    func delete(_ input: DeleteStrategyInput) throws -> ToolOutput {
        let strategy = try strategy(input.strategyId)
        guard input.confirm == true else {
            throw ToolsError.confirmationRequired(strategy: "\"\(strategy.name)\" (id \(Self.shortId(strategy.id)))")
        }
        try context.store.deleteStrategy(id: strategy.id, user: context.userId)
        let model = DeleteStrategyResult(strategyId: strategy.id, name: strategy.name)
        return ToolOutput(result: model,
                          display: "Deleted \"\(strategy.name)\" (id \(Self.shortId(strategy.id))) with its versions, backtests and signals.")
    }

    /// "2026-11-26 15:04 UTC", fixed to UTC so transcripts replay the same.
    static func timestamp(_ date: Date) -> String {
        let day = Day(date: date)
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) - Int(day.serial) * 86_400
        return String(format: "%@ %02d:%02d UTC", day.iso, seconds / 3600, (seconds % 3600) / 60)
    }
}
