import Foundation
import Store
import StrategyCore

/// The scan's paper trading: each paper account steps through the scanned days by the backtest's rules
/// (`PaperTrader`), its strategies read on the same data their signals were, and each account is saved all
/// or nothing.
extension ScanService {
    /// - Parameter scanned: what this scan read for the user's strategies attached to paper accounts, by strategy id.
    func tradePaperAccounts(
        user: String, options: ScanOptions, report: inout ScanReport, loaded: inout [String: SignalMarketData],
        scanned: [String: ScannedStrategy] = [:]
    ) async {
        let accounts: [PaperAccount]
        do {
            accounts = try store.paperAccounts(user: user)
        } catch {
            report.paperAccountsFailed += 1
            report.problems.append("\(user): cannot read paper accounts: \(error.localizedDescription)")
            report.lines.append(report.problems[report.problems.count - 1])
            return
        }
        for account in accounts where !account.strategyIds.isEmpty {
            do {
                try await trade(account, user: user, options: options, report: &report, loaded: &loaded, scanned: scanned)
                report.paperAccountsTraded += 1
            } catch {
                report.paperAccountsFailed += 1
                let message = "\(user) paper account \"\(account.name)\": failed, nothing saved: \(error.localizedDescription)"
                report.problems.append(message)
                report.lines.append(message)
            }
        }
    }

    /// A strategy as the scan read it: the stored definition it scanned, its frames and the data they were built on.
    struct ScannedStrategy {
        let strategy: StoredStrategy
        let frames: [SignalFrame]
        let data: SignalMarketData
    }

    /// An attached strategy's frames: those its scan built, or built here for one the scan did not read (a paused
    /// strategy, one that failed to load). Nil for a strategy that no longer exists.
    func paperFrames(
        _ id: String, user: String, options: ScanOptions, loaded: inout [String: SignalMarketData],
        scanned: [String: ScannedStrategy]
    ) async throws -> ScannedStrategy? {
        if let known = scanned[id] { return known }
        guard let strategy = try store.strategy(id: id, user: user) else { return nil }
        let (_, data) = try await load(strategy.definition, options: options, loaded: &loaded)
        let frames = try SignalService(store: store, feed: feed, now: now).prepare(strategy: strategy, user: user, data: data).frames
        return ScannedStrategy(strategy: strategy, frames: frames, data: data)
    }

    /// One account's strategies made ready: their tapes, and the stored signals that name each order's cause.
    struct PaperStrategy {
        let strategy: StoredStrategy
        let tape: PaperTape
        let rules: FillRules
        /// `ticker|day|type` → signal id, for the days stepped.
        let signalIds: [String: String]
    }

    private func trade(
        _ account: PaperAccount, user: String, options: ScanOptions, report: inout ScanReport,
        loaded: inout [String: SignalMarketData], scanned: [String: ScannedStrategy]
    ) async throws {
        var read: [(strategy: StoredStrategy, frames: [SignalFrame], data: SignalMarketData, last: Day)] = []
        for id in account.strategyIds {
            guard let s = try await paperFrames(id, user: user, options: options, loaded: &loaded, scanned: scanned),
                  let last = s.data.lastDay else { continue }
            read.append((s.strategy, s.frames, s.data, last))
        }
        guard let last = read.map(\.last).max() else {
            report.lines.append("\(user) paper account \"\(account.name)\": no attached strategy has data; nothing traded")
            return
        }
        // Only the days to step are read from the bars, not every day of their history.
        func tradingDays(from: Day, through: Day) -> [Day] {
            Set(read.flatMap { $0.data.tradingDays(from: from, through: through) }).sorted()
        }
        var days: [Day]
        if let from = options.from {
            days = tradingDays(from: from, through: options.to ?? last)
        } else if let done = account.book.lastDay {
            // A daily scan catches up on every trading day since the account's last one, so a missed day
            // still fills its orders at the right open and checks its stops.
            days = tradingDays(from: done.adding(days: 1), through: last)
        } else {
            days = [last]
        }
        if let done = account.book.lastDay { days = days.filter { $0 > done } }
        var prepared: [PaperStrategy] = []
        for r in read {
            var ids: [String: String] = [:]
            if let first = days.first, let to = days.last {
                for s in try store.signalIds(strategyId: r.strategy.id, user: user, from: first, to: to) {
                    ids["\(s.ticker)|\(s.day.iso)|\(s.type.rawValue)"] = s.id
                }
            }
            prepared.append(PaperStrategy(
                strategy: r.strategy, tape: PaperTape(frames: r.frames),
                rules: FillRules(risk: r.strategy.riskParameters, commissionPct: account.commissionPct, slippageBps: account.slippageBps),
                signalIds: ids))
        }
        guard !days.isEmpty else {
            report.lines.append("\(user) paper account \"\(account.name)\": already up to date through \(account.book.lastDay?.iso ?? last.iso)")
            // A rerun still reads back and sends what the last one could not.
            await sendToBroker(account, user: user, book: account.book, prepared: prepared, report: &report)
            return
        }
        var book = account.book
        var results: [PaperDayResult] = []
        for day in days {
            let inputs = prepared.map { p in
                PaperStrategyDay(strategyId: p.strategy.id, strategyVersion: p.strategy.version, rules: p.rules,
                                 bars: p.tape.bars(on: day))
            }
            var result = PaperTrader.step(&book, on: day, strategies: inputs)
            Self.nameSignals(&result, book: &book, prepared: prepared)
            results.append(result)
        }
        try store.savePaperDays(accountId: account.id, user: user, book: book, days: results)
        let fills = results.flatMap(\.fills)
        report.paperFills += fills.map { PaperFillEvent(user: user, account: account.name, order: $0) }
        let halts = results.flatMap(\.halts)
        report.paperHalts += halts.map { PaperHaltEvent(user: user, account: account.name, halt: $0) }
        // What the person's webhooks hear: the account's fills and halts of the days just stepped, one message each.
        if let event = AlertEvent.paperFills(fills, account: account.name, accountId: account.id, user: user, days: days) {
            report.events.append(event)
        }
        if let event = AlertEvent.paperHalts(halts, account: account.name, accountId: account.id, user: user, days: days) {
            report.events.append(event)
        }
        let span = days.count == 1 ? "on \(days[0])" : "over \(days.count) days \(days[0]) to \(days[days.count - 1])"
        let buys = fills.filter { $0.side == .buy }.count, sells = fills.count - buys
        let change = (book.equity / account.startingCapital - 1) * 100
        var line = String(format: "%@ paper account \"%@\" (paper money): %@ %@, %d buys and %d sells filled, %d orders for the next open; equity %@ (%+.2f%%), cash %@",
                          user, account.name, fills.isEmpty && results.allSatisfy({ $0.placed.isEmpty }) ? "no orders" : "traded", span,
                          buys, sells, book.pendingOrders.count, NumberText.dollars(book.equity), change, NumberText.dollars(book.cash))
        if !halts.isEmpty { line += "; " + halts.map(\.reason).joined(separator: "; ") }
        if book.halted, let reason = book.haltReason, !halts.contains(where: { $0.kind == .dailyLoss }) {
            line += "; halted: \(reason)"
        }
        report.lines.append(line)
        await sendToBroker(account, user: user, book: book, prepared: prepared, report: &report)
    }

    /// A linked account's orders go to Alpaca after its days are saved, so a broker failure never loses them.
    private func sendToBroker(
        _ account: PaperAccount, user: String, book: PaperBook, prepared: [PaperStrategy], report: inout ScanReport
    ) async {
        let broker = PaperBroker(store: store, user: user, connect: alpaca)
        let outcome = await broker.scanStep(account: account, book: book) { order in
            Self.brokerSizing(order, book: book, prepared: prepared)
        }
        report.lines += outcome.lines
        report.problems += outcome.problems
        report.brokerFailures += outcome.failures
        report.brokerDifferences += outcome.differences.count
    }

    /// The shares a waiting order asks the broker for: a sale's position, or a buy sized by the strategy's rules at
    /// the decision's close (the simulation sizes it again at the open), with its stop and target from that price.
    static func brokerSizing(_ order: PaperOrder, book: PaperBook, prepared: [PaperStrategy]) -> PaperBroker.Sizing? {
        if order.side == .sell {
            let shares = book.positions.filter { $0.strategyId == order.strategyId && $0.ticker == order.ticker }.reduce(0) { $0 + $1.shares }
            return shares > 0 ? PaperBroker.Sizing(qty: shares, stopLoss: nil, takeProfit: nil) : nil
        }
        guard let p = prepared.first(where: { $0.strategy.id == order.strategyId }),
              let bar = p.tape.bars(on: order.decidedOn)[order.ticker],
              let fill = p.rules.entry(base: bar.close, allocation: order.allocation ?? 0, cash: book.cash) else { return nil }
        return PaperBroker.Sizing(qty: fill.shares, stopLoss: p.rules.stopLossPct.map { _ in p.rules.stop(entryPrice: fill.price) },
                                  takeProfit: p.rules.takeProfitPct.map { _ in p.rules.target(entryPrice: fill.price) })
    }

    /// Sets the stored signal behind each order placed today (entry or exit signal of that ticker and day).
    static func nameSignals(_ result: inout PaperDayResult, book: inout PaperBook, prepared: [PaperStrategy]) {
        for k in result.placed.indices {
            let o = result.placed[k]
            guard let p = prepared.first(where: { $0.strategy.id == o.strategyId }) else { continue }
            let type = o.side == .buy ? "entry" : "exit"
            guard let id = p.signalIds["\(o.ticker)|\(o.decidedOn.iso)|\(type)"] else { continue }
            result.placed[k].signalId = id
            if let j = book.pendingOrders.firstIndex(where: { $0.id == o.id }) { book.pendingOrders[j].signalId = id }
        }
    }
}
