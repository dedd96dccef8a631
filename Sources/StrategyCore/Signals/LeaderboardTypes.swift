import Foundation

/// A leaderboard period, counted back from the last day of the data (never the wall clock), so a
/// board over the embedded 2009–2010 sample is not empty.
package enum LeaderboardWindow: String, Codable, Hashable, Sendable, CaseIterable {
    case week = "7d"
    case month = "30d"
    case quarter = "90d"
    case year = "1y"
    case all

    /// Calendar days in the window, the last day included; nil for all.
    package var days: Int? {
        switch self {
        case .week: 7
        case .month: 30
        case .quarter: 90
        case .year: 365
        case .all: nil
        }
    }

    /// The first day of the window ending on `lastDay`; nil for all.
    package func start(endingOn lastDay: Day) -> Day? {
        days.map { lastDay.adding(days: -($0 - 1)) }
    }
}

/// One closed trade as the leaderboard counts it: the day it closed and its return.
package struct ClosedTrade: Codable, Hashable, Sendable {
    package var exitDay: Day
    package var returnPct: Double

    package init(exitDay: Day, returnPct: Double) {
        self.exitDay = exitDay
        self.returnPct = returnPct
    }
}

/// What one window of the board counts for one strategy: its signals and the trades that closed in it.
package struct LeaderboardCounts: Hashable, Sendable {
    /// Closed trades of one kind (hypothetical or actual): how many, how many gained, and the sum of their
    /// percent returns (nil with no trade), added up exactly in millionths of a point (`microPoints`).
    package struct Trades: Hashable, Sendable {
        package var count: Int
        package var wins: Int
        package var returnSum: Double?

        package init(count: Int = 0, wins: Int = 0, returnSum: Double? = nil) {
            self.count = count
            self.wins = wins
            self.returnSum = returnSum
        }

        /// The counts of `count` trades whose returns add up to `microSum` millionths of a point.
        package init(count: Int, wins: Int, microSum: Int64) {
            self.init(count: count, wins: wins, returnSum: count == 0 ? nil : Double(microSum) / 1_000_000)
        }

        /// The counts of `trades`.
        package init(_ trades: [ClosedTrade]) {
            self.init(count: trades.count, wins: trades.filter { $0.returnPct > 0 }.count,
                      microSum: trades.reduce(0) { $0 + LeaderboardCounts.microPoints($1.returnPct) })
        }
    }

    /// A percent return in millionths of a percent point, rounded half away from zero, within ±10⁹ points.
    ///
    /// Sums of these are integers, so they are exact: a board's figures never depend on the order trades are
    /// added in, and the store can keep running totals and subtract them (see `signal_count_totals`), which
    /// floating-point sums would not allow. The store computes the same operations in SQL.
    package static func microPoints(_ returnPct: Double) -> Int64 {
        guard !returnPct.isNaN else { return 0 }  // never stored: SQLite holds NaN as NULL, which no board counts
        let scaled = min(max(returnPct * 1_000_000, -1e15), 1e15)
        return Int64((scaled + (returnPct < 0 ? -0.5 : 0.5)).rounded(.towardZero))
    }

    package var signals: Int
    package var hypothetical: Trades
    package var actual: Trades
    /// Trades the strategy's paper accounts closed.
    package var paper: Trades

    package init(signals: Int = 0, hypothetical: Trades = Trades(), actual: Trades = Trades(), paper: Trades = Trades()) {
        self.signals = signals
        self.hypothetical = hypothetical
        self.actual = actual
        self.paper = paper
    }
}

/// Everything the leaderboard knows about one strategy, over all time; windows are cut from it.
package struct LeaderboardEntry: Hashable, Sendable {
    package var strategyId: String
    package var name: String
    package var isActive: Bool
    package var signalDays: [Day]
    /// Hypothetical trades of every entry signal, closed.
    package var hypothetical: [ClosedTrade]
    /// Trades the person took and closed.
    package var actual: [ClosedTrade]
    /// Trades the strategy's paper accounts closed (paper money, filled by the backtest's rules).
    package var paper: [ClosedTrade]
    package var backtestReturnPct: Double?
    package var backtestSharpe: Double?
    package var backtestWinRatePct: Double?
    package var backtestTrades: Int

    package init(
        strategyId: String, name: String, isActive: Bool, signalDays: [Day] = [], hypothetical: [ClosedTrade] = [],
        actual: [ClosedTrade] = [], paper: [ClosedTrade] = [], backtestReturnPct: Double? = nil, backtestSharpe: Double? = nil,
        backtestWinRatePct: Double? = nil, backtestTrades: Int = 0
    ) {
        self.strategyId = strategyId
        self.name = name
        self.isActive = isActive
        self.signalDays = signalDays
        self.hypothetical = hypothetical
        self.actual = actual
        self.paper = paper
        self.backtestReturnPct = backtestReturnPct
        self.backtestSharpe = backtestSharpe
        self.backtestWinRatePct = backtestWinRatePct
        self.backtestTrades = backtestTrades
    }
}

/// One ranked row.
package struct LeaderboardRow: Codable, Hashable, Sendable {
    package var rank: Int
    package var strategyId: String
    package var name: String
    package var signals: Int
    package var actualTrades: Int
    package var hypotheticalTrades: Int
    /// Of actual trades when there are any, else of hypothetical ones; nil with neither.
    package var winRatePct: Double?
    package var winRateSource: String
    package var actualReturnPct: Double?
    package var hypotheticalReturnPct: Double?
    package var paperTrades: Int
    package var paperReturnPct: Double?
    package var backtestReturnPct: Double?
    package var backtestSharpe: Double?
    package var status: String
    /// Live (hypothetical) hit rate against the backtest win rate; nil with no closed trade or no backtest.
    package var decay: BinomialTest.Result?
    /// Paper trades' hit rate against the backtest win rate; nil with no closed paper trade or no backtest.
    package var paperDecay: BinomialTest.Result?
}

/// A ranked board for one window.
package struct LeaderboardTable: Codable, Hashable, Sendable {
    package var window: LeaderboardWindow
    package var from: Day?
    package var to: Day
    package var rows: [LeaderboardRow]
    package var insight: String
}
