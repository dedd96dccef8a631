import Foundation
import Store
import StrategyCore

/// The person's positions and closed trades, from imported trades and acted signals together.
///
/// Imported trades are matched first in, first out per ticker. An acted signal is a buy at the
/// acted price on the signal day; closing it is a sell at the closing price on the day it was
/// recorded. A signal acted on without a share count counts in returns and statistics, with its
/// shares shown as unknown.
package struct PortfolioBook: Sendable {
    package struct Holding: Codable, Hashable, Sendable {
        package var ticker: String
        /// nil when the position came from a signal acted on without a share count.
        package var shares: Double?
        package var averageCost: Double
        package var openedOn: Day
        /// "imported" or "signal <id>".
        package var source: String
    }

    package struct RoundTrip: Codable, Hashable, Sendable {
        package var ticker: String
        package var entryDay: Day
        package var exitDay: Day
        package var entryPrice: Double
        package var exitPrice: Double
        package var shares: Double?
        /// Net of the fees of both sides (imported trades); nil when the share count is unknown.
        package var pnl: Double?
        package var returnPct: Double
        package var daysHeld: Int
        package var source: String
    }

    package struct Stats: Codable, Hashable, Sendable {
        package var closedTrades: Int
        package var wins: Int
        package var winRatePct: Double?
        package var averageHoldDays: Double?
        package var best: RoundTrip?
        package var worst: RoundTrip?
    }

    package private(set) var holdings: [Holding] = []
    package private(set) var roundTrips: [RoundTrip] = []
    /// Every transaction by date: imported trades and the buys and sells of acted signals.
    package private(set) var history: [PortfolioTrade] = []

    package init(trades: [PortfolioTrade], signals: [SignalRecord]) {
        var lots: [String: [(day: Day, shares: Double, price: Double, fee: Double)]] = [:]
        for t in trades.sorted(by: { $0.date < $1.date }) {
            history.append(t)
            switch t.side {
            case .buy:
                lots[t.ticker, default: []].append((t.date, t.shares, t.price, t.fees))
            case .sell:
                var remaining = t.shares
                while remaining > 1e-9, var lot = lots[t.ticker]?.first {
                    let used = min(remaining, lot.shares)
                    let entryFee = lot.fee * used / lot.shares
                    let exitFee = t.fees * used / t.shares
                    let pnl = used * (t.price - lot.price) - entryFee - exitFee
                    roundTrips.append(RoundTrip(
                        ticker: t.ticker, entryDay: lot.day, exitDay: t.date, entryPrice: lot.price, exitPrice: t.price,
                        shares: used, pnl: pnl, returnPct: pnl / (used * lot.price) * 100, daysHeld: lot.day.days(to: t.date),
                        source: t.source))
                    lot.fee -= entryFee
                    lot.shares -= used
                    remaining -= used
                    if lot.shares <= 1e-9 { lots[t.ticker]?.removeFirst() } else { lots[t.ticker]?[0] = lot }
                }
            }
        }
        for (ticker, open) in lots where !open.isEmpty {
            let shares = open.reduce(0) { $0 + $1.shares }
            guard shares > 1e-9 else { continue }
            let cost = open.reduce(0) { $0 + $1.shares * $1.price } / shares
            holdings.append(Holding(ticker: ticker, shares: shares, averageCost: cost, openedOn: open[0].day, source: "imported"))
        }
        for r in signals where r.signal.signalType == .entry {
            guard let acted = r.actedPrice, r.action == .acted || r.action == .closed else { continue }
            let s = r.signal
            let source = "signal \(r.id)"
            history.append(PortfolioTrade(date: s.signalDate, ticker: s.ticker, side: .buy, shares: r.actedShares ?? 0,
                                          price: acted, source: source))
            if r.action == .closed, let price = r.closedPrice {
                let exitDay = r.closedAt.map(Day.init(date:)).map { max($0, s.signalDate) } ?? s.signalDate
                history.append(PortfolioTrade(date: exitDay, ticker: s.ticker, side: .sell, shares: r.actedShares ?? 0,
                                              price: price, source: source))
                roundTrips.append(RoundTrip(
                    ticker: s.ticker, entryDay: s.signalDate, exitDay: exitDay, entryPrice: acted, exitPrice: price,
                    shares: r.actedShares, pnl: r.actedShares.map { $0 * (price - acted) },
                    returnPct: (price / acted - 1) * 100, daysHeld: s.signalDate.days(to: exitDay), source: source))
            } else {
                holdings.append(Holding(ticker: s.ticker, shares: r.actedShares, averageCost: acted, openedOn: s.signalDate,
                                        source: source))
            }
        }
        holdings.sort { ($0.ticker, $0.openedOn) < ($1.ticker, $1.openedOn) }
        roundTrips.sort { ($0.exitDay, $0.ticker) < ($1.exitDay, $1.ticker) }
        history.sort { $0.date < $1.date }
    }

    package var heldTickers: Set<String> { Set(holdings.map(\.ticker)) }

    /// The return of the last closed trade in each ticker, for "similar to your past trade in X".
    package var lastTradeReturn: [String: Double] {
        var out: [String: Double] = [:]
        for t in roundTrips { out[t.ticker] = t.returnPct }
        return out
    }

    package var stats: Stats {
        let wins = roundTrips.filter { $0.returnPct > 0 }.count
        let n = roundTrips.count
        return Stats(
            closedTrades: n, wins: wins, winRatePct: n == 0 ? nil : Double(wins) / Double(n) * 100,
            averageHoldDays: n == 0 ? nil : Double(roundTrips.reduce(0) { $0 + $1.daysHeld }) / Double(n),
            best: roundTrips.max { $0.returnPct < $1.returnPct }, worst: roundTrips.min { $0.returnPct < $1.returnPct })
    }

    /// A few lines about the person's trading, passed to strategy parsing as context.
    package var summary: String {
        let s = stats
        guard s.closedTrades > 0 || !holdings.isEmpty else { return "No trades recorded yet." }
        var lines = ["Holdings: " + (holdings.isEmpty ? "none" : holdings.map(\.ticker).joined(separator: ", "))]
        if let rate = s.winRatePct, let hold = s.averageHoldDays {
            lines.append(String(format: "Closed trades: %d, win rate %.0f%%, average hold %.0f days", s.closedTrades, rate, hold))
        }
        if let best = s.best, let worst = s.worst {
            lines.append(String(format: "Best trade: %@ %+.1f%%; worst: %@ %+.1f%%", best.ticker, best.returnPct, worst.ticker, worst.returnPct))
        }
        return lines.joined(separator: "\n")
    }

    /// `held` (1 or 0) and `position_pnl_pct` (percent from the average cost, NaN when not held)
    /// per ticker, aligned with each series, from every interval the person held it.
    package func columns(for series: [PriceSeries]) -> ExternalColumns {
        var intervals: [String: [(from: Day, to: Day?, cost: Double)]] = [:]
        for t in roundTrips { intervals[t.ticker, default: []].append((t.entryDay, t.exitDay, t.entryPrice)) }
        for h in holdings { intervals[h.ticker, default: []].append((h.openedOn, nil, h.averageCost)) }
        var out: ExternalColumns = [:]
        for s in series {
            var held = FieldColumn(repeating: 0, count: s.count)
            var pnl = FieldColumn(repeating: .nan, count: s.count)
            for (i, day) in s.days.enumerated() {
                // Held from the entry day up to (not including) the exit day.
                if let open = intervals[s.ticker]?.last(where: { $0.from <= day && ($0.to.map { day < $0 } ?? true) }) {
                    held[i] = 1
                    pnl[i] = (s.close[i] / open.cost - 1) * 100
                }
            }
            out[s.ticker] = [Field.held.name: held, Field.positionPnlPct.name: pnl]
        }
        return out
    }
}
