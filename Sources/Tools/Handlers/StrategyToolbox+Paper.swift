import AgentLoop
import Foundation
import MarketData
import Store
import StrategyCore

/// The paper account tools: open, attach, detach, halt and resume an account, and show it. Paper money only;
/// the same `PaperService` serves `/paper` and `stratchat paper`.
extension StrategyToolbox {
    var paperService: PaperService { PaperService(store: context.store, user: context.userId) }

    func managePaper(_ input: ManagePaperAccountInput) throws -> ToolOutput {
        let service = paperService
        let tool = ManagePaperAccountInput.tool.rawValue
        let settings = context.settings
        var opened = false
        var touched: StoredStrategy?
        let account: PaperAccount
        let message: String
        switch input.action {
        case .open:
            guard let capital = input.capital else {
                throw ToolsError.missingArgument(tool: tool, name: ManagePaperAccountInput.CodingKeys.capital.stringValue)
            }
            account = try service.open(name: input.account, capital: capital, commissionPct: settings.commissionPct,
                                       slippageBps: settings.slippageBps, limits: input.limits())
            opened = true
            message = "Opened paper account \"\(account.name)\" with \(NumberText.dollars(account.startingCapital)) of paper money (not real money)"
                + (input.setsLimits ? "; limits: \(Self.limitsText(account.book.limits))" : "")
                + ". Attach a strategy with action add; each `stratchat scan` trades it."
        case .add, .remove:
            guard let reference = input.strategyId else {
                throw ToolsError.missingArgument(tool: tool, name: ManagePaperAccountInput.CodingKeys.strategyId.stringValue)
            }
            let strategy = try strategy(reference)
            touched = strategy
            if input.action == .remove {
                account = try service.remove(strategy: strategy.id, from: input.account).0
                message = "Detached \"\(strategy.name)\" from paper account \"\(account.name)\": it places no new orders; its open positions stay."
            } else if let capital = input.capital {
                let added = try service.add(strategy: strategy.id, to: input.account, openingWith: capital,
                                            commissionPct: settings.commissionPct, slippageBps: settings.slippageBps,
                                            limits: input.limits())
                account = added.account
                opened = added.opened
                let unused = opened || capital == account.startingCapital ? ""
                    : " The account already holds \(NumberText.dollars(account.startingCapital)) of starting paper money; \(NumberText.dollars(capital)) applies only to a new account (action open)."
                message = (opened ? "Opened paper account \"\(account.name)\" with \(NumberText.dollars(account.startingCapital)) of paper money (not real money) and attached"
                                  : "Attached") + " \"\(strategy.name)\" (v\(strategy.version)) to paper account \"\(account.name)\"; the next `stratchat scan` trades it." + unused
            } else {
                account = try service.add(strategy: strategy.id, to: input.account).0
                message = "Attached \"\(strategy.name)\" (v\(strategy.version)) to paper account \"\(account.name)\" (paper money); the next `stratchat scan` trades it."
            }
        case .halt:
            account = try service.setHalted(true, name: input.account, reason: input.reason)
            message = "Paper account \"\(account.name)\" halted: no new entries until it is resumed (exits still fill)."
        case .resume:
            account = try service.setHalted(false, name: input.account)
            message = "Paper account \"\(account.name)\" resumed: the next scan places new entries again."
        case .limits:
            account = try service.setLimits(name: input.account) { input.limits(over: $0) }
            message = "Paper account \"\(account.name)\" limits: \(Self.limitsText(account.book.limits)). The next scan holds new entries to them; crossing the daily loss limit halts the account until it is resumed."
        }
        let strategies = try account.strategyIds.compactMap { try context.store.strategy(id: $0, user: context.userId) }
        let model = ManagePaperAccountResult(
            action: input.action.rawValue, account: account.name, opened: opened,
            startingCapital: modelFigure(account.startingCapital) ?? 0, equity: modelFigure(account.book.equity) ?? 0,
            cash: modelFigure(account.book.cash) ?? 0, halted: account.book.halted, haltReason: account.book.haltReason,
            limits: PaperLimitsItem(account.book.limits),
            strategies: strategies.map(Self.paperItem), strategy: touched.map(Self.paperItem), message: message)
        return ToolOutput(result: model, display: message)
    }

    func getPaper(_ input: GetPaperAccountInput) async throws -> ToolOutput {
        var view = try paperService.view(input.account)
        view.noteSyntheticData(context.marketData)
        let style = context.settings.renderStyle
        let (record, chart) = await Self.paperChart(view, marketData: context.marketData, benchmark: context.settings.benchmark, style: style)
        return ToolOutput(result: PaperAccountResult(view, record: record), display: view.render(style: style, chart: chart))
    }

    /// The account's record against the benchmark and its terminal chart (the backtest's equity chart); none
    /// before the first scan.
    package static func paperChart(_ view: PaperAccountView, marketData: MarketData, benchmark: String,
                                   style: RenderStyle) async -> (record: StrategyBacktest?, chart: [String]) {
        let (curve, warning) = await PaperRecord.benchmark(benchmark, marketData: marketData, days: view.equityCurve.map(\.date))
        guard let record = PaperRecord.backtest(view, benchmark: curve, benchmarkName: benchmark, warnings: warning.map { [$0] } ?? [])
        else { return (nil, []) }
        var chart = BacktestCharts.equity(record, style: style, label: "paper account")
        if let warning { chart.append(warning) }
        return (record, chart)
    }

    /// The limits in words: "at most 10 positions, exposure at most 80%, daily loss limit 3%", or "none".
    package static func limitsText(_ limits: PaperRiskLimits) -> String {
        let parts = [limits.maxOpenPositions.map { "at most \($0) open position\($0 == 1 ? "" : "s")" },
                     limits.maxExposurePct.map { "exposure at most \(NumberText.percent($0, decimals: 1, signed: false)) of equity" },
                     limits.dailyLossLimitPct.map { "daily loss limit \(NumberText.percent($0, decimals: 1, signed: false))" }]
            .compactMap { $0 }
        return parts.isEmpty ? "none" : parts.joined(separator: ", ")
    }

    static func paperItem(_ strategy: StoredStrategy) -> PaperStrategyItem {
        PaperStrategyItem(strategyId: strategy.id, name: strategy.name, version: strategy.version)
    }
}
