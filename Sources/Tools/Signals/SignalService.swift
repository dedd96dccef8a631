import Foundation
import Store
import StrategyCore

/// Generates a strategy's signals for a day of the data and stores them (`get_strategy_signals`).
///
/// "Today" is the last day the chosen data has, or a given day when replaying; only bars up to that
/// day decide anything. An entry signal goes to each qualifying ticker the person does not hold; an
/// exit signal to each position held through an acted signal of the strategy whose exit rules,
/// stop, target or holding limit fire. Storing is idempotent by strategy, ticker, day and type.
package struct SignalService: Sendable {
    package let store: StratStore
    package let feed: any SignalDataFeed
    package let now: @Sendable () -> Date

    package init(store: StratStore, feed: any SignalDataFeed, now: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.feed = feed
        self.now = now
    }

    /// The strategy's signals on `day` (default: the last day of its data), stored unless `save` is false.
    /// Entry signals scoring below `minConfidence` are neither listed nor stored, only counted.
    package func generate(
        strategyId: String, user: String, universe: String = "sample", on day: Day? = nil, save: Bool = true,
        minConfidence: Double = 0
    ) async throws -> SignalReport {
        guard let strategy = try store.strategy(id: strategyId, user: user) else {
            throw SignalError.unknownStrategy(strategyId)
        }
        let data = try await feed.load(strategy: strategy.definition, universe: universe, through: day)
        let prepared = try prepare(strategy: strategy, user: user, data: data)
        guard let today = day ?? data.lastDay else {
            throw SignalError.noData(strategy: strategy.name, detail: "the universe \(universe) has no bars")
        }
        return try generate(prepared, on: today, save: save, minConfidence: minConfidence)
    }

    /// A strategy made ready to be read day after day over one load of data.
    struct Prepared {
        let strategy: StoredStrategy
        let user: String
        let data: SignalMarketData
        let frames: [SignalFrame]
        let external: ExternalColumns
        let book: PortfolioBook
        let backtest: StrategyBacktest?
    }

    /// - Parameter book: the person's portfolio when the caller already loaded it (a scan loads it once per user).
    func prepare(strategy: StoredStrategy, user: String, data: SignalMarketData, book known: PortfolioBook? = nil) throws -> Prepared {
        guard !data.series.isEmpty else {
            throw SignalError.noData(strategy: strategy.name, detail: "the universe \(data.universeLabel) has no bars")
        }
        let book = try known ?? PortfolioBook.load(user: user, store: store)
        var external = data.external
        let usesPortfolio = strategy.fieldsUsed.compactMap(Field.init(name:)).contains { $0.family == .portfolio }
        if usesPortfolio {
            for (ticker, columns) in book.columns(for: data.series) {
                external[ticker, default: [:]].merge(columns) { _, new in new }
            }
        }
        let rules = try SignalFrame.Rules(strategy.definition)
        let frames = try SignalFrame.frames(strategy.definition, compiled: rules, list: data.series, external: external,
                                            shared: data.columns)
        let backtest = try store.latestBacktest(strategyId: strategy.id, user: user)
        return Prepared(strategy: strategy, user: user, data: data, frames: frames, external: external, book: book, backtest: backtest)
    }

    /// - Parameter records: the strategy's stored signals when the caller already holds them (a replay does).
    func generate(
        _ p: Prepared, on day: Day, save: Bool, records known: [SignalRecord]? = nil, minConfidence: Double = 0
    ) throws -> SignalReport {
        let strategy = p.strategy
        let records = try known ?? store.signals(strategyId: strategy.id, user: p.user)
        var positions: [String: HeldPosition] = [:]
        for r in records where r.signal.signalType == .entry && r.action == .acted && r.signal.signalDate < day {
            let s = r.signal
            // Holding time counts from the fill, the first bar after the signal day, as in a backtest.
            let fill = p.frames.first { $0.ticker == s.ticker }.map { f -> Day in
                let i = f.series.firstIndex(onOrAfter: s.signalDate.adding(days: 1))
                return i < f.series.count ? f.series.days[i] : s.signalDate
            } ?? s.signalDate
            positions[s.ticker] = HeldPosition(ticker: s.ticker, entryPrice: r.actedPrice ?? s.priceAtSignal,
                                               entryDay: min(fill, day), signalId: r.id)
        }
        let context = SignalContext(
            strategy: strategy, backtest: p.backtest, synthetic: p.data.synthetic, positions: positions,
            heldElsewhere: p.book.heldTickers.subtracting(positions.keys), pastTrades: p.book.lastTradeReturn,
            generatedAt: now())
        let (all, scanned) = SignalBuilder.signals(p.frames, on: day, context: context)
        guard scanned > 0 else { throw SignalError.noBarOnDay(day, universe: p.data.universeLabel) }
        var signals = all.filter { $0.signalType == .exit || $0.confidenceScore >= minConfidence }
        let below = all.count - signals.count
        var inserted = 0
        if save {
            // One transaction for the day's signals: all of them are stored, or none.
            let stored = try store.upsertSignals(signals, user: p.user)
            inserted = stored.filter(\.inserted).count
            signals = stored.map(\.0)
        }
        var out = report(p, day: day, signals: signals, inserted: inserted)
        out.tickersScanned = scanned
        out.tickersWithoutBar = p.frames.count - scanned
        out.belowMinConfidence = below
        out.minConfidence = minConfidence
        return out
    }

    /// How to get prices that reach today.
    package static let liveDataHint =
        "For live prices set FMP_API_KEY (Financial Modeling Prep), or import recent prices with `stratchat data import PATH`."

    /// Which day "today" is, and how far the data lies in the past by the clock.
    func todayNote(_ day: Day, label: String) -> String {
        let clockDay = Day(date: now())
        let gap = day.days(to: clockDay)
        guard gap > 3 else { return "\"Today\" is \(day), the last day of the data (\(label))." }
        return "\"Today\" is \(day), the last day of the data (\(label)); the data set ends in the past (\(gap) days before \(clockDay)), so these are signals as of that day, not for the current market. \(Self.liveDataHint)"
    }

    func report(_ p: Prepared, day: Day, signals: [StrategySignal], inserted: Int) -> SignalReport {
        let risk = p.strategy.riskParameters
        let base = p.backtest?.initialCapital ?? BacktestRequest.defaultCapital
        let perEntry: Double
        var notes: [String] = []
        if let r = risk.riskPerTradePct, let stop = risk.stopLossPct, stop > 0 {
            perEntry = base * r / stop
            notes.append(String(format: "capital per entry: %.1f%% risked at a %.1f%% stop on %@", r, stop, NumberText.dollars(base)))
        } else {
            perEntry = base * risk.positionSizePct / 100
            notes.append(String(format: "capital per entry: position size %.1f%% of %@ (%@)", risk.positionSizePct, NumberText.dollars(base),
                                p.backtest == nil ? "the default capital" : "the last backtest's capital"))
        }
        let entries = signals.filter { $0.signalType == .entry }.count
        var expected: Double?
        if let b = p.backtest, b.totalTrades > 0 {
            let w = b.winRate / 100
            let perTradePct = w * (b.avgWinPct ?? 0) + (1 - w) * (b.avgLossPct ?? 0)
            expected = perTradePct / 100 * perEntry * Double(entries)
            notes.append(String(format: "expected value = (win rate %.0f%% × average win %+.2f%% + loss rate %.0f%% × average loss %+.2f%%) × capital, from the last backtest (%@ to %@, %d trades); an estimate, not a forecast",
                                b.winRate, b.avgWinPct ?? 0, 100 - b.winRate, b.avgLossPct ?? 0, b.startDate.iso, b.endDate.iso, b.totalTrades))
        } else {
            notes.append("no backtest with trades yet: confidence comes from the conditions alone, and no expected value is given")
        }
        notes.append(SignalConfidence.formula)
        notes.append("prices are the close of \(day); an order placed after it fills at the next open, as in backtests")
        if !p.data.synthetic.isEmpty {
            notes.append("fields on the synthetic sample (generated, not real data): \(p.data.synthetic.sorted().joined(separator: ", "))")
        }
        return SignalReport(
            strategyId: p.strategy.id, strategyName: p.strategy.name, universe: p.data.universeLabel, day: day,
            todayNote: todayNote(day, label: p.data.dataLabel), signals: signals, newSignals: inserted,
            capitalPerEntry: perEntry, capitalNeeded: perEntry * Double(entries), capitalBase: base, expectedValue: expected,
            notes: notes, warnings: p.data.warnings)
    }
}
