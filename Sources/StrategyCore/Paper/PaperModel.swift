import Foundation

/// Limits a paper account keeps; nil means no limit.
package struct PaperRiskLimits: Codable, Hashable, Sendable {
    package var maxOpenPositions: Int?
    /// Positions and waiting buys as a percent of equity.
    package var maxExposurePct: Double?
    /// A fall of equity from one close to the next, in percent, that halts new entries.
    package var dailyLossLimitPct: Double?

    package init(maxOpenPositions: Int? = nil, maxExposurePct: Double? = nil, dailyLossLimitPct: Double? = nil) {
        self.maxOpenPositions = maxOpenPositions
        self.maxExposurePct = maxExposurePct
        self.dailyLossLimitPct = dailyLossLimitPct
    }

    enum CodingKeys: String, CodingKey {
        case maxOpenPositions = "max_open_positions"
        case maxExposurePct = "max_exposure_pct"
        case dailyLossLimitPct = "daily_loss_limit_pct"
    }
}

/// A paper position: shares bought by one strategy of the account.
package struct PaperPosition: Codable, Hashable, Sendable {
    package var strategyId: String
    package var strategyVersion: Int
    package var ticker: String
    package var shares: Int
    package var entryPrice: Double
    package var entryDate: Day
    package var entryFee: Double
    package var stop: Double?
    package var target: Double?
    package var lastClose: Double
    package var entryOrderId: String
    package var entrySignalId: String?

    package init(strategyId: String, strategyVersion: Int, ticker: String, shares: Int, entryPrice: Double, entryDate: Day,
                 entryFee: Double, stop: Double?, target: Double?, lastClose: Double, entryOrderId: String,
                 entrySignalId: String?) {
        self.strategyId = strategyId
        self.strategyVersion = strategyVersion
        self.ticker = ticker
        self.shares = shares
        self.entryPrice = entryPrice
        self.entryDate = entryDate
        self.entryFee = entryFee
        self.stop = stop
        self.target = target
        self.lastClose = lastClose
        self.entryOrderId = entryOrderId
        self.entrySignalId = entrySignalId
    }

    package var marketValue: Double { Double(shares) * lastClose }

    enum CodingKeys: String, CodingKey {
        case strategyId = "strategy_id", strategyVersion = "strategy_version", ticker, shares
        case entryPrice = "entry_price", entryDate = "entry_date", entryFee = "entry_fee", stop, target
        case lastClose = "last_close", entryOrderId = "entry_order_id", entrySignalId = "entry_signal_id"
    }
}

/// An order of a paper account: decided at a close for the next open, or a stop or target hit inside a day.
package struct PaperOrder: Codable, Hashable, Sendable {
    package enum Side: String, Codable, Hashable, Sendable { case buy, sell }
    package enum Status: String, Codable, Hashable, Sendable {
        /// Waiting for the next open.
        case pending
        case filled
        /// The ticker had no bar on the next trading day.
        case cancelled
        /// Cash could not buy one share.
        case skipped
    }

    /// `strategy|ticker|decision day|side`: one order per cause, so a repeated scan never adds another.
    package var id: String
    package var strategyId: String
    package var strategyVersion: Int
    package var ticker: String
    package var side: Side
    /// The close at which it was decided (for a stop or target: the day it fired).
    package var decidedOn: Day
    /// Why: `entry`, or an exit reason (`signal`, `stop_loss`, `take_profit`, `max_hold`).
    package var reason: String
    /// Money set aside for a buy, from the strategy's sizing on the account's equity at the decision.
    package var allocation: Double?
    package var strength: Double?
    package var signalId: String?
    package var status: Status
    package var filledOn: Day?
    package var fillPrice: Double?
    package var shares: Int?
    package var fee: Double?

    package init(id: String, strategyId: String, strategyVersion: Int, ticker: String, side: Side, decidedOn: Day,
                 reason: String, allocation: Double? = nil, strength: Double? = nil, signalId: String? = nil,
                 status: Status = .pending, filledOn: Day? = nil, fillPrice: Double? = nil, shares: Int? = nil,
                 fee: Double? = nil) {
        self.id = id
        self.strategyId = strategyId
        self.strategyVersion = strategyVersion
        self.ticker = ticker
        self.side = side
        self.decidedOn = decidedOn
        self.reason = reason
        self.allocation = allocation
        self.strength = strength
        self.signalId = signalId
        self.status = status
        self.filledOn = filledOn
        self.fillPrice = fillPrice
        self.shares = shares
        self.fee = fee
    }

    package static func id(strategyId: String, ticker: String, day: Day, side: Side) -> String {
        "\(strategyId)|\(ticker)|\(day.iso)|\(side.rawValue)"
    }

    enum CodingKeys: String, CodingKey {
        case id = "order_id", strategyId = "strategy_id", strategyVersion = "strategy_version", ticker, side
        case decidedOn = "decided_on", reason, allocation, strength, signalId = "signal_id", status
        case filledOn = "filled_on", fillPrice = "fill_price", shares, fee
    }
}

/// A closed paper trade: the backtest's trade with the strategy version and the signals behind it.
package struct PaperTrade: Codable, Hashable, Sendable {
    package var strategyId: String
    package var strategyVersion: Int
    package var trade: BacktestTrade
    package var entrySignalId: String?
    package var exitSignalId: String?

    package init(strategyId: String, strategyVersion: Int, trade: BacktestTrade, entrySignalId: String?, exitSignalId: String?) {
        self.strategyId = strategyId
        self.strategyVersion = strategyVersion
        self.trade = trade
        self.entrySignalId = entrySignalId
        self.exitSignalId = exitSignalId
    }
}

/// Why new entries stopped: the daily loss limit (the account halts), or a limit that held back entries that day.
package struct PaperHalt: Codable, Hashable, Sendable {
    package enum Kind: String, Codable, Hashable, Sendable {
        case dailyLoss = "daily_loss"
        case maxOpenPositions = "max_open_positions"
        case maxExposure = "max_exposure"
        case manual
    }

    package var day: Day
    package var kind: Kind
    package var reason: String

    package init(day: Day, kind: Kind, reason: String) {
        self.day = day
        self.kind = kind
        self.reason = reason
    }
}

/// A paper account's book: cash, positions, orders waiting for the next open, and the halt switch.
package struct PaperBook: Codable, Hashable, Sendable {
    package var cash: Double
    package var positions: [PaperPosition] = []
    package var pendingOrders: [PaperOrder] = []
    /// The last trading day stepped; a day on or before it is never stepped again.
    package var lastDay: Day?
    package var lastEquity: Double?
    package var limits: PaperRiskLimits
    package var halted: Bool = false
    package var haltReason: String?

    package init(cash: Double, limits: PaperRiskLimits = PaperRiskLimits()) {
        self.cash = cash
        self.limits = limits
    }

    /// Cash plus positions at their last close.
    package var equity: Double { cash + positions.reduce(0) { $0 + $1.marketValue } }
}

/// One ticker's bar on a day and what a strategy's rules say at its close.
package struct PaperBar: Hashable, Sendable {
    package var open: Double
    package var high: Double
    package var low: Double
    package var close: Double
    package var closeOnly: Bool
    package var entry: Bool
    package var exit: Bool
    /// The entry's strength (`CompiledStrategy.strength`), which orders buys when cash is short.
    package var strength: Double

    package init(open: Double, high: Double, low: Double, close: Double, closeOnly: Bool = false, entry: Bool = false,
                 exit: Bool = false, strength: Double = 0) {
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.closeOnly = closeOnly
        self.entry = entry
        self.exit = exit
        self.strength = strength
    }
}

/// What one attached strategy sees on a day: its fill rules and the bars (with its rules read) of its universe.
package struct PaperStrategyDay: Sendable {
    package var strategyId: String
    package var strategyVersion: Int
    package var rules: FillRules
    package var bars: [String: PaperBar]

    package init(strategyId: String, strategyVersion: Int, rules: FillRules, bars: [String: PaperBar]) {
        self.strategyId = strategyId
        self.strategyVersion = strategyVersion
        self.rules = rules
        self.bars = bars
    }
}

/// What one day did to a paper account, as plain values (to store, print or send as alerts).
package struct PaperDayResult: Sendable {
    package var day: Day
    /// Orders filled, cancelled or skipped this day, and stop or target sales made this day.
    package var settled: [PaperOrder] = []
    /// Orders decided at this day's close for the next open.
    package var placed: [PaperOrder] = []
    package var trades: [PaperTrade] = []
    package var halts: [PaperHalt] = []
    package var equity: Double = 0
    package var cash: Double = 0

    package init(day: Day) {
        self.day = day
    }

    /// The orders that filled this day.
    package var fills: [PaperOrder] { settled.filter { $0.status == .filled } }
}
