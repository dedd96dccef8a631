import Foundation

/// When an order decided at a day's close is filled.
package enum FillRule: String, Codable, Hashable, Sendable, CaseIterable {
    /// At the next bar's open (the default, and what a trader can actually do after the close).
    case nextOpen = "next_open"
    /// At the decision day's own close.
    case close
}

/// Everything one backtest needs; the engine reads nothing else.
package struct BacktestRequest: Sendable {
    package var strategy: TradingStrategy
    /// Daily bars per ticker. Bars before `start` serve as indicator warm-up; bars after `end` are never read.
    package var series: [PriceSeries]
    /// Non-price fields (insider, reddit, fundamental, analyst, portfolio), per ticker and field name,
    /// aligned with that ticker's `series.days`; NaN means no value on that day.
    package var externalColumns: ExternalColumns
    /// Buy-and-hold comparison (DESIGN.md's default is `^GSPC`); nil when there is no benchmark data.
    package var benchmark: PriceSeries?
    package var start: Day
    package var end: Day
    package var initialCapital: Double
    /// Percent of traded value per side (0.1 means 0.1%).
    package var commissionPct: Double
    /// Basis points against the trader on every fill.
    package var slippageBps: Double
    package var fill: FillRule
    /// Where the bars came from and whether they are real or synthetic, stated in the assumptions.
    package var dataLabel: String
    /// What the universe is ("sample (30 large US stocks)", "MSFT"), stated with its survivorship caveat.
    package var universeLabel: String

    /// DESIGN.md's defaults: capital 100,000, commission 0, slippage 5 bps, next-open fills.
    package static let defaultCapital = 100_000.0
    package static let defaultCommissionPct = 0.0
    package static let defaultSlippageBps = 5.0

    package init(
        strategy: TradingStrategy, series: [PriceSeries], externalColumns: ExternalColumns = [:],
        benchmark: PriceSeries? = nil, start: Day, end: Day,
        initialCapital: Double = BacktestRequest.defaultCapital,
        commissionPct: Double = BacktestRequest.defaultCommissionPct,
        slippageBps: Double = BacktestRequest.defaultSlippageBps,
        fill: FillRule = .nextOpen, dataLabel: String, universeLabel: String
    ) {
        self.strategy = strategy
        self.series = series
        self.externalColumns = externalColumns
        self.benchmark = benchmark
        self.start = start
        self.end = end
        self.initialCapital = initialCapital
        self.commissionPct = commissionPct
        self.slippageBps = slippageBps
        self.fill = fill
        self.dataLabel = dataLabel
        self.universeLabel = universeLabel
    }
}
