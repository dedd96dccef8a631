import AgentLoop
import Foundation
import StrategyCore

/// A strategy attached to a paper account, as the paper tools name it.
package struct PaperStrategyItem: ModelResult, Decodable, Hashable, Sendable {
    package var strategyId: String
    package var name: String
    package var version: Int

    package init(strategyId: String, name: String, version: Int) {
        self.strategyId = strategyId
        self.name = name
        self.version = version
    }

    enum CodingKeys: String, CodingKey { case strategyId = "strategy_id", name, version }

    static let schema = ObjectSchema(required: ["strategy_id": .string, "name": .string, "version": .integer])
}

/// A paper account's risk limits as the paper tools name them; nil means no limit.
package struct PaperLimitsItem: ModelResult, Decodable, Hashable, Sendable {
    package var maxPositions: Int?
    package var maxExposurePct: Double?
    package var dailyLossLimitPct: Double?

    package init(_ limits: PaperRiskLimits) {
        maxPositions = limits.maxOpenPositions
        maxExposurePct = modelFigure(limits.maxExposurePct)
        dailyLossLimitPct = modelFigure(limits.dailyLossLimitPct)
    }

    enum CodingKeys: String, CodingKey {
        case maxPositions = "max_positions", maxExposurePct = "max_exposure_pct", dailyLossLimitPct = "daily_loss_limit_pct"
    }

    static let schema = ObjectSchema(required: [:], nullable: [
        "max_positions": .integer, "max_exposure_pct": .number, "daily_loss_limit_pct": .number,
    ])
}

/// What `manage_paper_account` returns: the account after the change, in paper money.
package struct ManagePaperAccountResult: DescribedResult, Decodable, Hashable, Sendable {
    package var action: String
    package var account: String
    package var paperMoney = true
    /// Whether this call opened the account.
    package var opened: Bool
    package var startingCapital: Double
    package var equity: Double
    package var cash: Double
    package var halted: Bool
    package var haltReason: String?
    package var limits: PaperLimitsItem
    package var strategies: [PaperStrategyItem]
    /// The strategy added or removed; nil for open, halt, resume and limits.
    package var strategy: PaperStrategyItem?
    package var message: String

    package init(action: String, account: String, opened: Bool, startingCapital: Double, equity: Double, cash: Double, halted: Bool,
                 haltReason: String?, limits: PaperLimitsItem, strategies: [PaperStrategyItem], strategy: PaperStrategyItem?,
                 message: String) {
        self.action = action
        self.account = account
        self.opened = opened
        self.startingCapital = startingCapital
        self.equity = equity
        self.cash = cash
        self.halted = halted
        self.haltReason = haltReason
        self.limits = limits
        self.strategies = strategies
        self.strategy = strategy
        self.message = message
    }

    enum CodingKeys: String, CodingKey {
        case action, account, paperMoney = "paper_money", opened, startingCapital = "starting_capital", equity, cash, halted
        case haltReason = "halt_reason", limits, strategies, strategy, message
    }

    package static let outputSchema = ValueSchema.object(ObjectSchema(required: [
        "action": .oneOfStrings(["open", "add", "remove", "halt", "resume", "limits"]), "account": .string, "paper_money": .boolean,
        "opened": .boolean, "starting_capital": .number, "equity": .number, "cash": .number, "halted": .boolean,
        "limits": .object(PaperLimitsItem.schema),
        "strategies": .array(.object(PaperStrategyItem.schema)), "message": .string,
    ], nullable: ["halt_reason": .string, "strategy": .object(PaperStrategyItem.schema)]))
}

/// What `get_paper_account` returns: equity, cash, positions, the latest orders, closed trades and the record
/// per strategy, in paper money.
package struct PaperAccountResult: DescribedResult, Decodable, Hashable, Sendable {
    package struct Position: ModelResult, Decodable, Hashable, Sendable {
        package var strategyId: String
        package var ticker: String
        package var shares: Int
        package var entryDate: String
        package var entryPrice: Double
        package var lastClose: Double
        package var marketValue: Double
        package var unrealizedPnl: Double

        enum CodingKeys: String, CodingKey {
            case strategyId = "strategy_id", ticker, shares, entryDate = "entry_date", entryPrice = "entry_price"
            case lastClose = "last_close", marketValue = "market_value", unrealizedPnl = "unrealized_pnl"
        }

        static let schema = ObjectSchema(required: [
            "strategy_id": .string, "ticker": .string, "shares": .integer, "entry_date": .string, "entry_price": .number,
            "last_close": .number, "market_value": .number, "unrealized_pnl": .number,
        ])
    }

    package struct Order: ModelResult, Decodable, Hashable, Sendable {
        package var strategyId: String
        package var ticker: String
        package var side: String
        package var decidedOn: String
        package var reason: String
        package var status: String
        package var shares: Int?
        package var fillPrice: Double?
        package var filledOn: String?

        enum CodingKeys: String, CodingKey {
            case strategyId = "strategy_id", ticker, side, decidedOn = "decided_on", reason, status, shares
            case fillPrice = "fill_price", filledOn = "filled_on"
        }

        static let schema = ObjectSchema(required: [
            "strategy_id": .string, "ticker": .string, "side": .string, "decided_on": .string, "reason": .string, "status": .string,
        ], nullable: ["shares": .integer, "fill_price": .number, "filled_on": .string])
    }

    /// A closed trade with a backtest trade's keys.
    package struct Trade: ModelResult, Decodable, Hashable, Sendable {
        package var strategyId: String
        package var ticker: String
        package var entryDate: String
        package var entryPrice: Double
        package var exitDate: String
        package var exitPrice: Double
        package var shares: Int
        package var pnl: Double
        package var exitReason: String

        enum CodingKeys: String, CodingKey {
            case strategyId = "strategy_id", ticker, entryDate = "entry_date", entryPrice = "entry_price", exitDate = "exit_date"
            case exitPrice = "exit_price", shares, pnl, exitReason = "exit_reason"
        }

        static let schema = ObjectSchema(required: [
            "strategy_id": .string, "ticker": .string, "entry_date": .string, "entry_price": .number, "exit_date": .string,
            "exit_price": .number, "shares": .integer, "pnl": .number, "exit_reason": .string,
        ])
    }

    package struct Record: ModelResult, Decodable, Hashable, Sendable {
        package var strategyId: String
        package var name: String
        package var closedTrades: Int
        package var wins: Int
        package var pnl: Double
        /// The last backtest's win rate, and the decay check of the paper wins against it.
        package var backtestWinRate: Double?
        package var decayPValue: Double?
        package var decayFlag: Bool?

        enum CodingKeys: String, CodingKey {
            case strategyId = "strategy_id", name, closedTrades = "closed_trades", wins, pnl
            case backtestWinRate = "backtest_win_rate", decayPValue = "decay_p_value", decayFlag = "decay_flag"
        }

        static let schema = ObjectSchema(required: [
            "strategy_id": .string, "name": .string, "closed_trades": .integer, "wins": .integer, "pnl": .number,
        ], nullable: ["backtest_win_rate": .number, "decay_p_value": .number, "decay_flag": .boolean])
    }

    /// The account's link to a broker's paper API; nil when it is not linked.
    package struct Broker: ModelResult, Decodable, Hashable, Sendable {
        package var name: String
        package var mode: String
        /// Orders waiting for `/approve`.
        package var waiting: Int

        static let schema = ObjectSchema(required: ["name": .string, "mode": .oneOfStrings(["auto", "approve"]), "waiting": .integer])
    }

    /// How many of the latest closed trades the result lists; `trade_count` counts them all.
    package static let tradesListed = 20

    package var account: String
    package var paperMoney = true
    package var startingCapital: Double
    package var equity: Double
    package var cash: Double
    package var returnPct: Double
    package var lastDay: String?
    package var halted: Bool
    package var haltReason: String?
    package var strategies: [PaperStrategyItem]
    package var positions: [Position]
    /// Orders still waiting for the next open, and those decided or filled on the last day traded.
    package var orders: [Order]
    package var tradeCount: Int
    /// The latest closed trades, oldest first.
    package var trades: [Trade]
    package var record: [Record]
    /// The benchmark over the days scans stepped the account, bought with its starting money; nil before a scan
    /// or without benchmark data.
    package var benchmark: String?
    package var benchmarkReturnPct: Double?
    package var maxDrawdownPct: Double?
    package var broker: Broker?
    /// Each attached strategy's fields whose data is a synthetic sample; empty when all are real.
    package var syntheticData: [String]
    package var note: String

    enum CodingKeys: String, CodingKey {
        case account, paperMoney = "paper_money", startingCapital = "starting_capital", equity, cash, returnPct = "return_pct"
        case lastDay = "last_day", halted, haltReason = "halt_reason", strategies, positions, orders, tradeCount = "trade_count"
        case trades, record, benchmark, benchmarkReturnPct = "benchmark_return_pct", maxDrawdownPct = "max_drawdown_pct", broker
        case syntheticData = "synthetic_data", note
    }

    package static let outputSchema = ValueSchema.object(ObjectSchema(required: [
        "account": .string, "paper_money": .boolean, "starting_capital": .number, "equity": .number, "cash": .number,
        "return_pct": .number, "halted": .boolean, "strategies": .array(.object(PaperStrategyItem.schema)),
        "positions": .array(.object(Position.schema)), "orders": .array(.object(Order.schema)), "trade_count": .integer,
        "trades": .array(.object(Trade.schema)), "record": .array(.object(Record.schema)), "synthetic_data": .array(.string),
        "note": .string,
    ], nullable: ["last_day": .string, "halt_reason": .string, "benchmark": .string, "benchmark_return_pct": .number,
                  "max_drawdown_pct": .number, "broker": .object(Broker.schema)]))
}

extension PaperAccountResult {
    /// The view `/paper` and `stratchat paper show` print, for the model: figures rounded to cents.
    init(_ view: PaperAccountView, record backtest: StrategyBacktest? = nil) {
        account = view.name
        startingCapital = modelFigure(view.startingCapital) ?? 0
        equity = modelFigure(view.equity) ?? 0
        cash = modelFigure(view.cash) ?? 0
        returnPct = modelFigure(view.returnPct) ?? 0
        lastDay = view.lastDay?.iso
        halted = view.halted
        haltReason = view.haltReason
        strategies = view.strategies.map { PaperStrategyItem(strategyId: $0.id, name: $0.name, version: $0.version) }
        positions = view.positions.map { p in
            Position(strategyId: p.position.strategyId, ticker: p.position.ticker, shares: p.position.shares,
                     entryDate: p.position.entryDate.iso, entryPrice: modelFigure(p.position.entryPrice) ?? 0,
                     lastClose: modelFigure(p.position.lastClose) ?? 0, marketValue: modelFigure(p.marketValue) ?? 0,
                     unrealizedPnl: modelFigure(p.unrealizedPnl) ?? 0)
        }
        orders = view.latestOrders.map { o in
            Order(strategyId: o.strategyId, ticker: o.ticker, side: o.side.rawValue, decidedOn: o.decidedOn.iso, reason: o.reason,
                  status: o.status.rawValue, shares: o.shares, fillPrice: modelFigure(o.fillPrice), filledOn: o.filledOn?.iso)
        }
        tradeCount = view.trades.count
        trades = view.trades.suffix(Self.tradesListed).map { t in
            let trade = t.trade.trade
            return Trade(strategyId: t.trade.strategyId, ticker: trade.ticker, entryDate: trade.entryDate.iso,
                         entryPrice: modelFigure(trade.entryPrice) ?? 0, exitDate: trade.exitDate.iso,
                         exitPrice: modelFigure(trade.exitPrice) ?? 0, shares: trade.shares, pnl: modelFigure(trade.pnl) ?? 0,
                         exitReason: trade.exitReason.rawValue)
        }
        record = view.recordPerStrategy.map { r in
            let figures = view.backtests[r.strategyId]
            let decay = figures.flatMap { r.decay(against: $0) }
            return Record(strategyId: r.strategyId, name: r.name, closedTrades: r.closedTrades, wins: r.wins,
                          pnl: modelFigure(r.pnl) ?? 0, backtestWinRate: modelFigure(figures?.winRate, 1),
                          decayPValue: modelFigure(decay?.pValue, 6), decayFlag: decay?.decayed)
        }
        let benchmarked = backtest.flatMap { $0.benchmarkReturnPct != nil ? $0 : nil }
        benchmark = benchmarked?.assumptions.benchmark
        benchmarkReturnPct = modelFigure(benchmarked?.benchmarkReturnPct)
        maxDrawdownPct = modelFigure(backtest?.maxDrawdownPct)
        broker = view.broker.link.map { Broker(name: $0.name, mode: $0.mode, waiting: $0.waiting) }
        syntheticData = view.syntheticData
        note = view.note
    }
}
