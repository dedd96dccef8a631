import Foundation
import MarketData
import StrategyCore

/// A paper account's record in the backtest's shape, so the backtest's own terminal chart, metrics and HTML
/// report draw it: its closes as the equity curve, its closed trades, its positions marked to their last close,
/// and the benchmark's closes over the same days.
package enum PaperRecord {
    /// The benchmark's closes on the account's days (a missing day carries the close before it), or why there
    /// are none. Never a failure: a record without a benchmark is still drawn.
    package static func benchmark(_ ticker: String, marketData: MarketData, days: [Day]) async -> (curve: [EquityPoint], warning: String?) {
        guard let first = days.first, let last = days.last else { return ([], nil) }
        do {
            let universe = try marketData.resolve(universe: ticker)
            guard let series = try await marketData.bars(for: universe, to: last).first, series.lastDay != nil else {
                return ([], "benchmark \(ticker): no bars up to \(last.iso)")
            }
            var closes: [Day: Double] = [:]
            for (day, close) in zip(series.days, series.close) where close.isFinite && close > 0 { closes[day] = close }
            var previous = series.days.indices.last { series.days[$0] <= first && series.close[$0] > 0 }.map { series.close[$0] }
            var curve: [EquityPoint] = []
            for day in days {
                if let close = closes[day] { previous = close }
                guard let close = previous else { continue }
                curve.append(EquityPoint(date: day, equity: close, cash: 0, positionsValue: 0))
            }
            guard curve.count == days.count else {
                return ([], "benchmark \(ticker): no bars on or before \(first.iso), so it is not drawn")
            }
            return (curve, nil)
        } catch {
            let reason = (error as? any LocalizedError)?.errorDescription ?? "\(error)"
            return ([], "benchmark \(ticker): \(reason.split(whereSeparator: \.isNewline).joined(separator: " "))")
        }
    }

    /// The account as a backtest result over the days scans stepped it, or nil before its first scan.
    package static func backtest(_ view: PaperAccountView, benchmark: [EquityPoint], benchmarkName: String,
                                 warnings: [String] = []) -> StrategyBacktest? {
        guard let first = view.equityCurve.first, let last = view.equityCurve.last else { return nil }
        let equity = view.equityCurve.map { EquityPoint(date: $0.date, equity: $0.equity, cash: $0.cash, positionsValue: $0.equity - $0.cash) }
        let trades = view.trades.map(\.trade.trade)
        let bench = benchmark.count == equity.count ? benchmark : []
        let metrics = BacktestMetrics.compute(
            trades: trades, equity: equity, initialCapital: view.startingCapital,
            benchmarkCloses: bench.isEmpty ? nil : bench.map(\.equity),
            openFees: view.positions.reduce(0) { $0 + $1.position.entryFee })
        let open = view.positions.map { p in
            OpenPosition(ticker: p.position.ticker, entryDate: p.position.entryDate, entryPrice: p.position.entryPrice,
                         shares: p.position.shares, lastClose: p.position.lastClose, unrealizedPnl: p.unrealizedPnl)
        }
        let names = view.strategies.map { "\($0.name) v\($0.version)" }.joined(separator: ", ")
        let assumptions = BacktestAssumptions(
            data: "paper account \"\(view.name)\": the daily bars each `stratchat scan` read for its strategies (\(names.isEmpty ? "none attached now" : names))",
            universe: "each attached strategy's own universe, as its scan reads it",
            fill: FillRule.nextOpen.rawValue, commissionPct: view.commissionPct, slippageBps: view.slippageBps,
            stopTargetRule: BacktestEngine.stopTargetRule, benchmark: bench.isEmpty ? "none" : benchmarkName)
        return StrategyBacktest(
            startDate: first.date, endDate: last.date, initialCapital: view.startingCapital, metrics: metrics, trades: trades,
            openPositions: open, equityCurve: equity, benchmarkCurve: bench, warnings: ["paper money: \(view.note)"] + (view.syntheticLine.map { [$0] } ?? []) + warnings,
            assumptions: assumptions)
    }
}
