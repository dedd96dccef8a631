import Foundation

/// Steps a paper account through one trading day by the backtest's rules (`FillRules`), in the order the
/// backtest's day loop uses: waiting sales then waiting buys at the open, stops and targets inside the day,
/// equity at the close, then the close's decisions become orders for the next open.
///
/// Pure: the caller hands in each attached strategy's bars for the day, with its rules already read.
package enum PaperTrader {
    /// Steps `book` through `day`; a day on or before the book's last day changes nothing.
    package static func step(_ book: inout PaperBook, on day: Day, strategies: [PaperStrategyDay]) -> PaperDayResult {
        var result = PaperDayResult(day: day)
        if let last = book.lastDay, day <= last {
            result.equity = book.equity
            result.cash = book.cash
            return result
        }
        let byId = Dictionary(strategies.map { ($0.strategyId, $0) }, uniquingKeysWith: { a, _ in a })
        func bar(_ strategyId: String, _ ticker: String) -> PaperBar? { byId[strategyId]?.bars[ticker] }

        // Waiting sales at the open, in position order (as the backtest closes them).
        var waiting = book.pendingOrders
        var k = 0
        while k < book.positions.count {
            let p = book.positions[k]
            guard let o = waiting.firstIndex(where: { $0.side == .sell && $0.strategyId == p.strategyId && $0.ticker == p.ticker }),
                  let b = bar(p.strategyId, p.ticker), let rules = byId[p.strategyId]?.rules else { k += 1; continue }
            var order = waiting.remove(at: o)
            sell(&book, k, base: FillRules.fillBase(open: b.open, close: b.close, closeOnly: b.closeOnly), rules: rules,
                 on: day, order: &order, result: &result)
        }
        // Waiting buys at the open, in the order they were decided.
        var kept: [PaperOrder] = []
        for var order in waiting {
            guard order.side == .buy else { kept.append(order); continue }
            guard let b = bar(order.strategyId, order.ticker), let rules = byId[order.strategyId]?.rules else {
                order.status = .cancelled
                result.settled.append(order)
                continue
            }
            let base = FillRules.fillBase(open: b.open, close: b.close, closeOnly: b.closeOnly)
            guard let fill = rules.entry(base: base, allocation: order.allocation ?? 0, cash: book.cash) else {
                order.status = .skipped
                result.settled.append(order)
                continue
            }
            book.cash -= fill.cost
            order.status = .filled
            order.filledOn = day
            order.fillPrice = fill.price
            order.shares = fill.shares
            order.fee = fill.fee
            result.settled.append(order)
            let position = PaperPosition(
                strategyId: order.strategyId, strategyVersion: order.strategyVersion, ticker: order.ticker,
                shares: fill.shares, entryPrice: fill.price, entryDate: day, entryFee: fill.fee,
                stop: rules.stopLossPct.map { _ in rules.stop(entryPrice: fill.price) },
                target: rules.takeProfitPct.map { _ in rules.target(entryPrice: fill.price) }, lastClose: b.close,
                entryOrderId: order.id, entrySignalId: order.signalId)
            // Positions stay in ticker order so same-day sales are recorded in a stable order.
            let at = book.positions.firstIndex { ($0.ticker, $0.strategyId) > (position.ticker, position.strategyId) }
                ?? book.positions.count
            book.positions.insert(position, at: at)
        }
        book.pendingOrders = kept

        // Stops and targets inside the day, for positions with a bar and no sale waiting.
        k = 0
        while k < book.positions.count {
            let p = book.positions[k]
            guard let b = bar(p.strategyId, p.ticker), let rules = byId[p.strategyId]?.rules, rules.checksStopsOrTargets,
                  !book.pendingOrders.contains(where: { $0.side == .sell && $0.strategyId == p.strategyId && $0.ticker == p.ticker }),
                  let hit = rules.stopOrTarget(open: b.open, high: b.high, low: b.low, close: b.close, closeOnly: b.closeOnly,
                                               stop: p.stop ?? -.infinity, target: p.target ?? .infinity)
            else { k += 1; continue }
            var order = PaperOrder(
                id: PaperOrder.id(strategyId: p.strategyId, ticker: p.ticker, day: day, side: .sell),
                strategyId: p.strategyId, strategyVersion: p.strategyVersion, ticker: p.ticker, side: .sell,
                decidedOn: day, reason: hit.reason.rawValue)
            sell(&book, k, base: hit.base, rules: rules, on: day, order: &order, result: &result)
        }

        // The close marks equity.
        for k in book.positions.indices {
            if let b = bar(book.positions[k].strategyId, book.positions[k].ticker) { book.positions[k].lastClose = b.close }
        }
        let equity = book.equity
        if let limit = book.limits.dailyLossLimitPct, let previous = book.lastEquity, previous > 0, !book.halted {
            let loss = (previous - equity) / previous * 100
            if loss >= limit {
                book.halted = true
                let reason = String(format: "equity fell %.2f%% on %@ (from %.2f to %.2f), crossing the daily loss limit of %.2f%%; new entries halted until resumed",
                                    loss, day.iso, previous, equity, limit)
                book.haltReason = reason
                result.halts.append(PaperHalt(day: day, kind: .dailyLoss, reason: reason))
            }
        }

        // The close's decisions: sales first (they free nothing until the open), then buys by strength.
        for k in book.positions.indices {
            let p = book.positions[k]
            guard let b = bar(p.strategyId, p.ticker), let s = byId[p.strategyId],
                  !book.pendingOrders.contains(where: { $0.side == .sell && $0.strategyId == p.strategyId && $0.ticker == p.ticker }),
                  let reason = s.rules.exitDecision(exitRulesHold: b.exit, entryDay: p.entryDate, today: day)
            else { continue }
            let order = PaperOrder(
                id: PaperOrder.id(strategyId: p.strategyId, ticker: p.ticker, day: day, side: .sell),
                strategyId: p.strategyId, strategyVersion: s.strategyVersion, ticker: p.ticker, side: .sell,
                decidedOn: day, reason: reason.rawValue)
            book.pendingOrders.append(order)
            result.placed.append(order)
        }
        if !book.halted {
            decideEntries(&book, on: day, strategies: strategies, equity: equity, result: &result)
        }
        book.lastDay = day
        book.lastEquity = equity
        result.equity = equity
        result.cash = book.cash
        return result
    }

    static func decideEntries(
        _ book: inout PaperBook, on day: Day, strategies: [PaperStrategyDay], equity: Double, result: inout PaperDayResult
    ) {
        var heldBack: [PaperHalt.Kind: Int] = [:]
        var exposure = book.positions.reduce(0) { $0 + $1.marketValue }
            + book.pendingOrders.filter { $0.side == .buy }.reduce(0) { $0 + ($1.allocation ?? 0) }
        var open = book.positions.count + book.pendingOrders.filter { $0.side == .buy }.count
        for s in strategies {
            let held = Set(book.positions.filter { $0.strategyId == s.strategyId }.map(\.ticker))
            var candidates = s.bars.filter { $0.value.entry && !held.contains($0.key) }.map { (ticker: $0.key, strength: $0.value.strength) }
            candidates.sort { $0.strength != $1.strength ? $0.strength > $1.strength : $0.ticker < $1.ticker }
            let allocation = s.rules.allocation(equity: equity)
            for c in candidates {
                if let max = book.limits.maxOpenPositions, open >= max {
                    heldBack[.maxOpenPositions, default: 0] += 1
                    continue
                }
                if let max = book.limits.maxExposurePct, equity > 0, (exposure + allocation) / equity * 100 > max {
                    heldBack[.maxExposure, default: 0] += 1
                    continue
                }
                let order = PaperOrder(
                    id: PaperOrder.id(strategyId: s.strategyId, ticker: c.ticker, day: day, side: .buy),
                    strategyId: s.strategyId, strategyVersion: s.strategyVersion, ticker: c.ticker, side: .buy,
                    decidedOn: day, reason: "entry", allocation: allocation, strength: c.strength)
                book.pendingOrders.append(order)
                result.placed.append(order)
                open += 1
                exposure += allocation
            }
        }
        if let n = heldBack[.maxOpenPositions], let max = book.limits.maxOpenPositions {
            result.halts.append(PaperHalt(day: day, kind: .maxOpenPositions,
                                          reason: "\(n) entr\(n == 1 ? "y" : "ies") on \(day.iso) held back: the account holds its limit of \(max) open positions (orders included)"))
        }
        if let n = heldBack[.maxExposure], let max = book.limits.maxExposurePct {
            result.halts.append(PaperHalt(day: day, kind: .maxExposure,
                                          reason: String(format: "%d entr%@ on %@ held back: buying would take exposure past the limit of %.1f%% of equity",
                                                         n, n == 1 ? "y" : "ies", day.iso, max)))
        }
    }

    /// Sells position `k` at `base` by `rules`, records the fill and the closed trade.
    static func sell(
        _ book: inout PaperBook, _ k: Int, base: Double, rules: FillRules, on day: Day, order: inout PaperOrder,
        result: inout PaperDayResult
    ) {
        let p = book.positions.remove(at: k)
        let fill = rules.exit(base: base, shares: p.shares)
        book.cash += fill.proceeds
        order.status = .filled
        order.filledOn = day
        order.fillPrice = fill.price
        order.shares = p.shares
        order.fee = fill.fee
        result.settled.append(order)
        let reason = BacktestTrade.ExitReason(rawValue: order.reason) ?? .signal
        let trade = FillRules.trade(
            ticker: p.ticker, entryDay: p.entryDate, entryPrice: p.entryPrice, shares: p.shares, entryFee: p.entryFee,
            exitDay: day, exit: fill, reason: reason)
        result.trades.append(PaperTrade(strategyId: p.strategyId, strategyVersion: p.strategyVersion, trade: trade,
                                        entrySignalId: p.entrySignalId, exitSignalId: order.signalId))
    }
}
