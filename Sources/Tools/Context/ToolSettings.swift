import Foundation
import StrategyCore

/// The defaults every tool result states: capital, costs, universe, benchmark, and how wide to draw.
package struct ToolSettings: Codable, Hashable, Sendable {
    package var initialCapital: Double
    /// Percent of traded value per side.
    package var commissionPct: Double
    package var slippageBps: Double
    package var fill: FillRule
    /// The universe used when a tool is given none ("sample").
    package var universe: String
    package var benchmark: String
    /// How many years a backtest covers by default, counted back from the data's last day.
    package var defaultBacktestYears: Int
    /// The widest a rendered table may be.
    package var displayWidth: Int
    /// Draw tables with ASCII instead of box-drawing characters.
    package var ascii: Bool
    /// ANSI colour in rendered results (green gains, red losses); off unless the executable turns it on.
    package var color: Bool

    package init(
        initialCapital: Double = BacktestRequest.defaultCapital, commissionPct: Double = BacktestRequest.defaultCommissionPct,
        slippageBps: Double = BacktestRequest.defaultSlippageBps, fill: FillRule = .nextOpen, universe: String = "sample",
        benchmark: String = "^GSPC", defaultBacktestYears: Int = 2, displayWidth: Int = 100, ascii: Bool = false,
        color: Bool = false
    ) {
        self.initialCapital = initialCapital
        self.commissionPct = commissionPct
        self.slippageBps = slippageBps
        self.fill = fill
        self.universe = universe
        self.benchmark = benchmark
        self.defaultBacktestYears = defaultBacktestYears
        self.displayWidth = displayWidth
        self.ascii = ascii
        self.color = color
    }

    var borders: TableBorders { ascii ? .ascii : .unicode }

    /// The universe the configuration names, or nil when it keeps the default: then the default that fits the
    /// strategy (`DefaultDataChoice`) picks the data for backtests, signals and the scan.
    package var configuredUniverse: String? { universe == ToolSettings().universe ? nil : universe }

    /// The terminal style the rendered results are drawn in.
    package var renderStyle: RenderStyle { RenderStyle(width: displayWidth, unicode: !ascii, color: color) }
}
