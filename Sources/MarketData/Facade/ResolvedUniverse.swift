import Foundation

/// A universe name turned into tickers, each with the source that holds its prices.
package struct ResolvedUniverse: Codable, Hashable, Sendable {
    package struct Member: Codable, Hashable, Sendable {
        package var ticker: String
        package var source: String
    }

    /// What the person asked for ("sample", "AAPL,MSFT", an imported folder's name).
    package var name: String
    package var members: [Member]
    /// Caveats to show with results, such as the sample's survivorship bias.
    package var notes: [String]

    package var tickers: [String] { members.map(\.ticker) }
}
