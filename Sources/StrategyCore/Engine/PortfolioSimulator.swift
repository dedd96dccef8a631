import Foundation

/// The day loop: one cash account, many tickers, decisions at each close, fills by the fill rule.
///
/// Each day runs in the order a trader lives it: pending exits then pending entries at the open,
/// stops and targets inside the day, the close marks equity, then the close's decisions.
/// Nothing from a later bar is read when deciding a day.
struct PortfolioSimulator {
    struct Settings {
        var initialCapital: Double
        /// Commission as a fraction per side.
        var commission: Double
        /// Slippage as a fraction against the trader.
        var slippage: Double
        var fill: FillRule
        var stopLossPct: Double?
        var takeProfitPct: Double?
        var maxHoldDays: Int?
        var positionSizePct: Double
        var riskPerTradePct: Double?
    }

    struct Position {
        let ticker: Int
        var bar: Int
        var hasBarToday: Bool
        let shares: Int
        let entryPrice: Double
        let entryDay: Day
        let entryFee: Double
        let stop: Double
        let target: Double
        var pendingExit: BacktestTrade.ExitReason?
    }

    struct PendingEntry {
        let ticker: Int
        let decisionBar: Int
        let allocation: Double
        let strength: Double
    }

    let frames: [TickerFrame]
    let days: [Day]
    let settings: Settings
    /// Candidates per union day: `candidateItems[candidateOffsets[d] ..< candidateOffsets[d + 1]]`.
    let candidateOffsets: [Int32]
    let candidateItems: [(ticker: Int32, bar: Int32, strength: Double)]

    private(set) var cash: Double
    private(set) var positions: [Position] = []
    private(set) var trades: [BacktestTrade] = []
    private(set) var equity: [EquityPoint] = []
    private(set) var cancelledEntries = 0
    private(set) var skippedEntries = 0
    private var held: [Bool]

    init(frames: [TickerFrame], days: [Day], settings: Settings) {
        self.frames = frames
        self.days = days
        self.settings = settings
        cash = settings.initialCapital
        held = [Bool](repeating: false, count: frames.count)
        // Bucket every candidate by its union day (a counting sort keeps tickers in order within a day).
        let base = days.first?.serial ?? 0
        let span = Int((days.last?.serial ?? base) - base) + 1
        var unionIndex = [Int32](repeating: -1, count: days.isEmpty ? 0 : span)
        for (d, day) in days.enumerated() { unionIndex[Int(day.serial - base)] = Int32(d) }
        var counts = [Int32](repeating: 0, count: days.count + 1)
        for frame in frames {
            for c in frame.candidates {
                let u = unionIndex[Int(frame.days[Int(c.bar)].serial - base)]
                if u >= 0 { counts[Int(u) + 1] += 1 }
            }
        }
        for d in 0..<days.count { counts[d + 1] += counts[d] }
        var fillAt = counts
        var items = [(ticker: Int32, bar: Int32, strength: Double)](
            repeating: (0, 0, 0), count: Int(counts.last ?? 0))
        for (k, frame) in frames.enumerated() {
            for c in frame.candidates {
                let u = Int(unionIndex[Int(frame.days[Int(c.bar)].serial - base)])
                guard u >= 0 else { continue }
                items[Int(fillAt[u])] = (Int32(k), c.bar, c.strength)
                fillAt[u] += 1
            }
        }
        candidateOffsets = counts
        candidateItems = items
    }

    /// Runs every day; `onDay` is called after each day with its index and may throw to stop.
    mutating func run(onDay: (Int) throws -> Void) rethrows {
        var pending: [PendingEntry] = []
        var todays: [PendingEntry] = []
        equity.reserveCapacity(days.count)
        let nextOpen = settings.fill == .nextOpen
        for d in 0..<days.count {
            let today = days[d]
            for k in positions.indices {
                let f = frames[positions[k].ticker]
                let nb = positions[k].bar + 1
                positions[k].hasBarToday = nb < f.count && f.days[nb] == today
                if positions[k].hasBarToday { positions[k].bar = nb }
            }
            if nextOpen {
                var k = 0
                while k < positions.count {
                    let p = positions[k]
                    if let reason = p.pendingExit, p.hasBarToday {
                        close(k, at: frames[p.ticker].fillPrice(p.bar), on: today, reason: reason)
                    } else {
                        k += 1
                    }
                }
                for e in pending {
                    let f = frames[e.ticker]
                    let nb = e.decisionBar + 1
                    if nb < f.count && f.days[nb] == today {
                        open(e.ticker, bar: nb, base: f.fillPrice(nb), allocation: e.allocation, on: today)
                    } else {
                        cancelledEntries += 1
                    }
                }
                pending.removeAll(keepingCapacity: true)
            }
            if settings.stopLossPct != nil || settings.takeProfitPct != nil { checkStopsAndTargets(on: today) }

            var value = 0.0
            for p in positions { value += Double(p.shares) * frames[p.ticker].close[p.bar] }
            let equityAtClose = cash + value
            equity.append(EquityPoint(date: today, equity: equityAtClose, cash: cash, positionsValue: value))

            if !nextOpen || d < days.count - 1 {
                todays.removeAll(keepingCapacity: true)
                let allocation = allocation(equity: equityAtClose)
                for j in Int(candidateOffsets[d])..<Int(candidateOffsets[d + 1]) {
                    let c = candidateItems[j]
                    guard !held[Int(c.ticker)] else { continue }
                    todays.append(PendingEntry(ticker: Int(c.ticker), decisionBar: Int(c.bar), allocation: allocation, strength: c.strength))
                }
                decideExits(on: today)
                if todays.count > 1 {
                    todays.sort { $0.strength != $1.strength ? $0.strength > $1.strength : $0.ticker < $1.ticker }
                }
                if nextOpen {
                    pending.append(contentsOf: todays)
                } else {
                    for e in todays {
                        let f = frames[e.ticker]
                        open(e.ticker, bar: e.decisionBar, base: f.close[e.decisionBar], allocation: e.allocation, on: today)
                    }
                }
            }
            try onDay(d)
        }
        cancelledEntries += pending.count
    }

    /// The money put into one entry: a percent of equity, or what loses `risk_per_trade_pct` at the stop.
    func allocation(equity: Double) -> Double {
        if let risk = settings.riskPerTradePct, let stop = settings.stopLossPct, stop > 0 {
            return equity * risk / stop
        }
        return equity * settings.positionSizePct / 100
    }

    mutating func decideExits(on today: Day) {
        var k = 0
        while k < positions.count {
            let p = positions[k]
            guard p.hasBarToday, p.pendingExit == nil else { k += 1; continue }
            var reason: BacktestTrade.ExitReason?
            if frames[p.ticker].exitFlags[p.bar] {
                reason = .signal
            } else if let maxHold = settings.maxHoldDays, p.entryDay.days(to: today) >= maxHold {
                reason = .maxHold
            }
            guard let reason else { k += 1; continue }
            if settings.fill == .nextOpen {
                positions[k].pendingExit = reason
                k += 1
            } else {
                close(k, at: frames[p.ticker].close[p.bar], on: today, reason: reason)
            }
        }
    }

    /// Stops and targets against the day's low and high; a gap through either fills at the open,
    /// and when both could fire the stop is taken. On a close-only bar both are checked against the close
    /// and fill there.
    mutating func checkStopsAndTargets(on today: Day) {
        var k = 0
        while k < positions.count {
            let p = positions[k]
            guard p.hasBarToday, p.pendingExit == nil else { k += 1; continue }
            let f = frames[p.ticker]
            let closeOnly = f.isCloseOnly(p.bar)
            let o = closeOnly ? f.close[p.bar] : f.open[p.bar]
            let h = closeOnly ? f.close[p.bar] : f.high[p.bar], l = closeOnly ? f.close[p.bar] : f.low[p.bar]
            if settings.stopLossPct != nil, l <= p.stop {
                close(k, at: min(o, p.stop), on: today, reason: .stopLoss)
            } else if settings.takeProfitPct != nil, h >= p.target {
                close(k, at: max(o, p.target), on: today, reason: .takeProfit)
            } else {
                k += 1
            }
        }
    }

    mutating func open(_ ticker: Int, bar: Int, base: Double, allocation: Double, on today: Day) {
        let price = base * (1 + settings.slippage)
        let unit = price * (1 + settings.commission)
        guard unit > 0, allocation.isFinite, allocation > 0 else { skippedEntries += 1; return }
        var shares = Int((allocation / unit).rounded(.down))
        if Double(shares) * unit > cash { shares = Int(max(0, cash / unit).rounded(.down)) }
        while shares > 0 && Double(shares) * price + Double(shares) * price * settings.commission > cash { shares -= 1 }
        guard shares > 0 else { skippedEntries += 1; return }
        let fee = Double(shares) * price * settings.commission
        cash -= Double(shares) * price + fee
        let position = Position(
            ticker: ticker, bar: bar, hasBarToday: true, shares: shares, entryPrice: price, entryDay: today, entryFee: fee,
            stop: settings.stopLossPct.map { price * (1 - $0 / 100) } ?? -.infinity,
            target: settings.takeProfitPct.map { price * (1 + $0 / 100) } ?? .infinity, pendingExit: nil)
        // Keep positions in ticker order so same-day exits are recorded in a stable order.
        let at = positions.firstIndex { $0.ticker > ticker } ?? positions.count
        positions.insert(position, at: at)
        held[ticker] = true
    }

    /// Sells position `k` at `base` less slippage. Stop and target prices are slipped the same way.
    mutating func close(_ k: Int, at base: Double, on today: Day, reason: BacktestTrade.ExitReason) {
        let p = positions.remove(at: k)
        held[p.ticker] = false
        let price = base * (1 - settings.slippage)
        let proceeds = Double(p.shares) * price
        let fee = proceeds * settings.commission
        cash += proceeds - fee
        let pnl = Double(p.shares) * (price - p.entryPrice) - p.entryFee - fee
        trades.append(BacktestTrade(
            ticker: frames[p.ticker].ticker, entryDate: p.entryDay, entryPrice: p.entryPrice, exitDate: today,
            exitPrice: price, shares: p.shares, pnl: pnl, pnlPct: pnl / (Double(p.shares) * p.entryPrice) * 100,
            daysHeld: p.entryDay.days(to: today), exitReason: reason, fees: p.entryFee + fee))
    }
}
