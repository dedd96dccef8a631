import Foundation

extension BacktestEngine {
    /// Turns the simulation into a `StrategyBacktest`: open positions, metrics, warnings, assumptions.
    static func assemble(
        request: BacktestRequest, strategy: CompiledStrategy, frames: [TickerFrame], days: [Day],
        simulator: PortfolioSimulator
    ) -> StrategyBacktest {
        let open = simulator.positions.map { p in
            let f = frames[p.ticker]
            let last = f.close[p.bar]
            return OpenPosition(
                ticker: f.ticker, entryDate: p.entryDay, entryPrice: p.entryPrice, shares: p.shares, lastClose: last,
                unrealizedPnl: Double(p.shares) * (last - p.entryPrice) - p.entryFee)
        }
        let benchmarkEndsEarly = request.benchmark.flatMap { stale(benchmark: $0, lastDay: days[days.count - 1]) }
        let benchmarkCloses = benchmarkCloses(request, days: days)
        let metrics = metrics(request, simulator: simulator, benchmarkCloses: benchmarkCloses)
        var warnings = dataWarnings(request: request, strategy: strategy, frames: frames, days: days)
        if simulator.cancelledEntries > 0 {
            warnings.append("\(simulator.cancelledEntries) entries not filled: the ticker had no bar on the next trading day")
        }
        if request.benchmark == nil {
            warnings.append("no benchmark data, so benchmark return, alpha and beta are not reported")
        } else if let end = benchmarkEndsEarly {
            warnings.append("benchmark \(request.benchmark?.ticker ?? "") ends on \(end), before the tested days do (\(days[days.count - 1])), so benchmark return, alpha and beta are not reported")
        } else if benchmarkCloses == nil {
            warnings.append("benchmark \(request.benchmark?.ticker ?? "") has no bar on or before \(days[0]), so benchmark return, alpha and beta are not reported")
        }
        if simulator.trades.isEmpty && open.isEmpty {
            warnings.append("no trades: the entry conditions never held together on a tested day with cash to buy")
        }
        let risk = request.strategy.riskParameters
        if risk.riskPerTradePct != nil && (risk.stopLossPct ?? 0) <= 0 {
            warnings.append("risk_per_trade_pct needs a stop loss; positions were sized by position_size_pct instead")
        }
        let skipped = frames.reduce(0) { $0 + $1.badBars }
        let benchmarkCurve: [EquityPoint] = benchmarkCloses.map { closes in
            zip(days, closes).map { EquityPoint(date: $0, equity: $1, cash: 0, positionsValue: 0) }
        } ?? []
        let assumptions = BacktestAssumptions(
            data: request.dataLabel + (closeOnlyNote(frames).map { "; " + $0 } ?? ""),
            universe: "\(request.universeLabel) (survivorship: only tickers present in the data are tested; companies delisted before the data was gathered are missing, which flatters results)",
            fill: request.fill.rawValue, commissionPct: request.commissionPct, slippageBps: request.slippageBps,
            stopTargetRule: stopTargetRule, benchmark: request.benchmark?.ticker ?? "none", skippedBars: skipped)
        return StrategyBacktest(
            strategyId: request.strategy.id, strategyVersion: request.strategy.version,
            startDate: days[0], endDate: days[days.count - 1], initialCapital: request.initialCapital, metrics: metrics,
            trades: simulator.trades, openPositions: open, equityCurve: simulator.equity, benchmarkCurve: benchmarkCurve,
            warnings: warnings, assumptions: assumptions)
    }

    /// The benchmark's closes on the tested days, nil when there is no benchmark or it ends too early.
    static func benchmarkCloses(_ request: BacktestRequest, days: [Day]) -> [Double]? {
        guard let benchmark = request.benchmark, stale(benchmark: benchmark, lastDay: days[days.count - 1]) == nil else { return nil }
        return closes(of: benchmark, on: days)
    }

    /// The figures of a finished day loop.
    static func metrics(_ request: BacktestRequest, simulator: PortfolioSimulator, benchmarkCloses: [Double]?) -> BacktestMetrics {
        BacktestMetrics.compute(
            trades: simulator.trades, equity: simulator.equity, initialCapital: request.initialCapital,
            benchmarkCloses: benchmarkCloses, openFees: simulator.positions.reduce(0) { $0 + $1.entryFee })
    }

    /// "close-only prices for AMD, KO (16,400 bars): …" when some tested bars have only a close, else nil.
    static func closeOnlyNote(_ frames: [TickerFrame]) -> String? {
        let counted = frames.map { ($0.ticker, $0.testedCloseOnlyBars) }.filter { $0.1 > 0 }
        guard !counted.isEmpty else { return nil }
        let bars = counted.reduce(0) { $0 + $1.1 }
        return "close-only prices for \(examples(counted.map(\.0))) (\(bars) bar\(bars == 1 ? "" : "s") with no open, high or low): "
            + closeOnlyRule
    }

    /// How orders and stops work on a bar that has only a close.
    package static let closeOnlyRule = "on those bars orders fill at the next close and stops and targets are checked on closes"

    /// How many calendar days a benchmark's last bar may lie before the last tested day (a holiday or two).
    static let benchmarkEndTolerance = 7

    /// The benchmark's last day when its data stops well before `lastDay`: carrying its last close forward
    /// would report a flat benchmark for the rest of the test. Nil when it reaches far enough.
    static func stale(benchmark: PriceSeries, lastDay: Day) -> Day? {
        guard let end = benchmark.lastDay else { return nil }
        return end.adding(days: benchmarkEndTolerance) < lastDay ? end : nil
    }

    /// The benchmark's last close on or before each day; nil when it has none on or before the first day.
    static func closes(of benchmark: PriceSeries, on days: [Day]) -> [Double]? {
        var out: [Double] = []
        out.reserveCapacity(days.count)
        var i = 0
        var last = Double.nan
        for day in days {
            while i < benchmark.count && benchmark.days[i] <= day {
                if benchmark.close[i].isFinite && benchmark.close[i] > 0 { last = benchmark.close[i] }
                i += 1
            }
            guard !last.isNaN else { return nil }
            out.append(last)
        }
        return out
    }

    /// Warnings about the data: fields with no value in range, skipped bars, gaps and halted tickers.
    static func dataWarnings(request: BacktestRequest, strategy: CompiledStrategy, frames: [TickerFrame], days: [Day]) -> [String] {
        var warnings: [String] = []
        let range = "\(request.start) to \(request.end)"
        for field in strategy.fields where !frames.contains(where: { $0.fieldsWithValues.contains(field) }) {
            switch field.family {
            case .price, .indicator:
                let need = IndicatorEngine.lookback(field) + 1
                warnings.append("\(field.name): no value in \(range) (it needs \(need) bars of history), so conditions on it never held")
            default:
                warnings.append("\(field.family.rawValue) data: none for these dates (\(field.name), \(range)), so conditions on it never held")
            }
        }
        let bad = frames.filter { $0.badBars > 0 }
        if !bad.isEmpty {
            let total = bad.reduce(0) { $0 + $1.badBars }
            warnings.append("\(total) bars with missing, non-positive or inverted prices skipped (\(examples(bad.map(\.ticker))))")
        }
        // Days inside a ticker's own range on which others traded but it had no bar (missing or halted).
        var index: [Int32: Int] = [:]
        for (k, d) in days.enumerated() { index[d.serial] = k }
        var gapTickers: [String] = [], missingBars = 0, stopped: [String] = []
        // Per day: how many tickers cover it with their range, and how many of those lack a bar.
        var covering = [Int](repeating: 0, count: days.count), lacking = covering
        for f in frames where f.startIndex < f.count {
            guard let a = index[f.days[f.startIndex].serial], let b = index[f.days[f.count - 1].serial] else { continue }
            var bar = f.startIndex
            for k in a...b {
                covering[k] += 1
                if bar < f.count && f.days[bar].serial == days[k].serial { bar += 1 } else { lacking[k] += 1 }
            }
            let missing = (b - a + 1) - (f.count - f.startIndex)
            if missing > 0 {
                gapTickers.append(f.ticker)
                missingBars += missing
            }
            if b < days.count - 1 { stopped.append("\(f.ticker) after \(f.days[f.count - 1])") }
        }
        if missingBars > 0 {
            // A day most tickers lack is a hole in the data set rather than a halt: name those days apart.
            let holes = days.indices.filter { covering[$0] > 1 && lacking[$0] * 2 > covering[$0] }.map { "\(days[$0])" }
            let holeNote = holes.isEmpty ? "" : "; the data lacks \(holes.count) trading day\(holes.count == 1 ? "" : "s") for most tickers (\(examples(holes)))"
            warnings.append("\(missingBars) missing bar\(missingBars == 1 ? "" : "s") skipped in \(gapTickers.count) ticker\(gapTickers.count == 1 ? "" : "s") (\(examples(gapTickers)))\(holeNote); open positions are marked at their last close across a gap and no order fills on a missing day")
        }
        if !stopped.isEmpty {
            warnings.append("no bars (halted or delisted): \(examples(stopped)); positions there stay marked at the last close")
        }
        return warnings
    }

    static func examples(_ names: [String]) -> String {
        names.count <= 5 ? names.joined(separator: ", ") : names.prefix(5).joined(separator: ", ") + " and \(names.count - 5) more"
    }
}
