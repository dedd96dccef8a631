import Foundation

/// The day loop: one cash account, many tickers, decisions at each close, fills by the fill rule.
///
/// Each day runs in the order a trader lives it: pending exits then pending entries at the open,
/// stops and targets inside the day, the close marks equity, then the close's decisions.
/// Nothing from a later bar is read when deciding a day.
struct PortfolioSimulator {
    struct Settings {
        var initialCapital: Double
        var fill: FillRule
        /// Sizing, costs, stops and targets: the rules paper accounts fill by too.
        var rules: FillRules
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
            if settings.rules.checksStopsOrTargets { checkStopsAndTargets(on: today) }

            var value = 0.0
            for p in positions { value += Double(p.shares) * frames[p.ticker].close[p.bar] }
            let equityAtClose = cash + value
            equity.append(EquityPoint(date: today, equity: equityAtClose, cash: cash, positionsValue: value))

            if !nextOpen || d < days.count - 1 {
                todays.removeAll(keepingCapacity: true)
                let allocation = settings.rules.allocation(equity: equityAtClose)
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

    mutating func decideExits(on today: Day) {
        var k = 0
        while k < positions.count {
            let p = positions[k]
            guard p.hasBarToday, p.pendingExit == nil else { k += 1; continue }
            let exitRulesHold = frames[p.ticker].exitFlags[p.bar]
            guard let reason = settings.rules.exitDecision(exitRulesHold: exitRulesHold, entryDay: p.entryDay, today: today)
            else { k += 1; continue }
            if settings.fill == .nextOpen {
                positions[k].pendingExit = reason
                k += 1
            } else {
                close(k, at: frames[p.ticker].close[p.bar], on: today, reason: reason)
            }
        }
    }

    /// Stops and targets against the day's low and high (`FillRules.stopOrTarget`).
    mutating func checkStopsAndTargets(on today: Day) {
        var k = 0
        while k < positions.count {
            let p = positions[k]
            guard p.hasBarToday, p.pendingExit == nil else { k += 1; continue }
            let f = frames[p.ticker]
            if let hit = settings.rules.stopOrTarget(
                open: f.open[p.bar], high: f.high[p.bar], low: f.low[p.bar], close: f.close[p.bar],
                closeOnly: f.isCloseOnly(p.bar), stop: p.stop, target: p.target) {
                close(k, at: hit.base, on: today, reason: hit.reason)
            } else {
                k += 1
            }
        }
    }

    mutating func open(_ ticker: Int, bar: Int, base: Double, allocation: Double, on today: Day) {
        guard let fill = settings.rules.entry(base: base, allocation: allocation, cash: cash) else {
            skippedEntries += 1
            return
        }
        cash -= fill.cost
        let position = Position(
            ticker: ticker, bar: bar, hasBarToday: true, shares: fill.shares, entryPrice: fill.price, entryDay: today,
            entryFee: fill.fee, stop: settings.rules.stop(entryPrice: fill.price),
            target: settings.rules.target(entryPrice: fill.price), pendingExit: nil)
        // Keep positions in ticker order so same-day exits are recorded in a stable order.
        let at = positions.firstIndex { $0.ticker > ticker } ?? positions.count
        positions.insert(position, at: at)
        held[ticker] = true
    }

    /// Sells position `k` at `base` (`FillRules.exit` slips it).
    mutating func close(_ k: Int, at base: Double, on today: Day, reason: BacktestTrade.ExitReason) {
        let p = positions.remove(at: k)
        held[p.ticker] = false
        let fill = settings.rules.exit(base: base, shares: p.shares)
        cash += fill.proceeds
        trades.append(FillRules.trade(
            ticker: frames[p.ticker].ticker, entryDay: p.entryDay, entryPrice: p.entryPrice, shares: p.shares,
            entryFee: p.entryFee, exitDay: today, exit: fill, reason: reason))
    }
}
