import Foundation
import MarketData

/// `/data`: what the data sources hold, so the person knows which tickers and dates a backtest can use.
extension SlashCommand {
    static let data = SlashCommand(
        name: "data", summary: "The market data available: sources, tickers, dates, real or synthetic."
    ) { _, context in
        context.show(try marketData(context).dataInfo().rendered())
        return .keepGoing
    }
}
