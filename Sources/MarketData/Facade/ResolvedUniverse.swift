import Foundation

/// A universe name turned into tickers, each with the source that holds its prices.
public struct ResolvedUniverse: Codable, Hashable, Sendable {
    public struct Member: Codable, Hashable, Sendable {
        public var ticker: String
        public var source: String
    }

    /// What the person asked for ("sample", "AAPL,MSFT", an imported folder's name).
    public var name: String
    public var members: [Member]
    /// Caveats to show with results, such as the sample's survivorship bias.
    public var notes: [String]

    public var tickers: [String] { members.map(\.ticker) }
}
