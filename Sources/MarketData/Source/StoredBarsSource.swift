import Foundation
import StrategyCore

/// Imported prices (one imported folder or the "csv" set) read back from storage; real data, prices only.
package struct StoredBarsSource: MarketDataSource {
    package let storage: any BarStorage
    package let info: SourceInfo

    /// One source per imported set in the storage, sorted by name.
    package static func all(in storage: any BarStorage) throws -> [StoredBarsSource] {
        let summaries = try storage.storedSummaries()
        return Dictionary(grouping: summaries, by: \.source).keys.sorted().map { name in
            StoredBarsSource(name: name, storage: storage, summaries: summaries.filter { $0.source == name })
        }
    }

    init(name: String, storage: any BarStorage, summaries: [StoredBarsSummary]) {
        self.storage = storage
        let tickers = summaries.map(\.ticker).sorted()
        info = SourceInfo(
            name: name, tickers: tickers,
            coverage: [.init(kind: .prices, tickerCount: tickers.count, first: summaries.compactMap(\.first).min(),
                             last: summaries.compactMap(\.last).max(), isSynthetic: false)],
            universes: [:], notes: ["Imported from CSV; prices only (no insider, Reddit, fundamental or analyst data)."])
    }

    package func bars(tickers: [String], from: Day?, to: Day?) async throws -> [PriceSeries] {
        var out: [PriceSeries] = []
        var missing: [String] = []
        for ticker in tickers {
            if let series = try storage.storedBars(source: info.name, ticker: ticker) {
                out.append(series.slice(from: from, to: to))
            } else {
                missing.append(ticker)
            }
        }
        guard missing.isEmpty else { throw MarketDataError.unknownTickers(missing, source: "Imported set \"\(info.name)\"") }
        return out
    }
}
