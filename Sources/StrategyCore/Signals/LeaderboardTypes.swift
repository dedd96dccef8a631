import Foundation

/// A leaderboard period, counted back from the last day of the data (never the wall clock), so a
/// board over the embedded 2009–2010 sample is not empty.
public enum LeaderboardWindow: String, Codable, Hashable, Sendable, CaseIterable {
    case week = "7d"
    case month = "30d"
    case quarter = "90d"
    case year = "1y"
    case all

    /// Calendar days in the window, the last day included; nil for all.
    public var days: Int? {
        switch self {
        case .week: 7
        case .month: 30
        case .quarter: 90
        case .year: 365
        case .all: nil
        }
    }

    /// The first day of the window ending on `lastDay`; nil for all.
    public func start(endingOn lastDay: Day) -> Day? {
        days.map { lastDay.adding(days: -($0 - 1)) }
    }
}

/// One closed trade as the leaderboard counts it: the day it closed and its return.
public struct ClosedTrade: Codable, Hashable, Sendable {
    public var exitDay: Day
    public var returnPct: Double

    public init(exitDay: Day, returnPct: Double) {
        self.exitDay = exitDay
        self.returnPct = returnPct
    }
}

/// Everything the leaderboard knows about one strategy, over all time; windows are cut from it.
public struct LeaderboardEntry: Hashable, Sendable {
    public var strategyId: String
    public var name: String
    public var isActive: Bool
    public var signalDays: [Day]
    /// Hypothetical trades of every entry signal, closed.
    public var hypothetical: [ClosedTrade]
    /// Trades the person took and closed.
    public var actual: [ClosedTrade]
    public var backtestReturnPct: Double?
    public var backtestSharpe: Double?
    public var backtestWinRatePct: Double?
    public var backtestTrades: Int

    public init(
        strategyId: String, name: String, isActive: Bool, signalDays: [Day] = [], hypothetical: [ClosedTrade] = [],
        actual: [ClosedTrade] = [], backtestReturnPct: Double? = nil, backtestSharpe: Double? = nil,
        backtestWinRatePct: Double? = nil, backtestTrades: Int = 0
    ) {
        self.strategyId = strategyId
        self.name = name
        self.isActive = isActive
        self.signalDays = signalDays
        self.hypothetical = hypothetical
        self.actual = actual
        self.backtestReturnPct = backtestReturnPct
        self.backtestSharpe = backtestSharpe
        self.backtestWinRatePct = backtestWinRatePct
        self.backtestTrades = backtestTrades
    }
}

/// One ranked row.
public struct LeaderboardRow: Codable, Hashable, Sendable {
    public var rank: Int
    public var strategyId: String
    public var name: String
    public var signals: Int
    public var actualTrades: Int
    public var hypotheticalTrades: Int
    /// Of actual trades when there are any, else of hypothetical ones; nil with neither.
    public var winRatePct: Double?
    public var winRateSource: String
    public var actualReturnPct: Double?
    public var hypotheticalReturnPct: Double?
    public var backtestReturnPct: Double?
    public var backtestSharpe: Double?
    public var status: String
    /// Live (hypothetical) hit rate against the backtest win rate; nil with no closed trade or no backtest.
    public var decay: BinomialTest.Result?
}

/// A ranked board for one window.
public struct LeaderboardTable: Codable, Hashable, Sendable {
    public var window: LeaderboardWindow
    public var from: Day?
    public var to: Day
    public var rows: [LeaderboardRow]
    public var insight: String
}
