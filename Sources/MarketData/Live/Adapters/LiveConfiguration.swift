import Foundation
import Networking

/// Which live sources the environment switches on (no secret is kept here but the FMP key, which
/// descriptions hide), read once from environment variables (and the config
/// file's `[keys] fmp`, which the program passes in as `FMP_API_KEY`).
///
/// - `FMP_API_KEY`: Financial Modeling Prep serves prices and insider, fundamental and analyst data, and
///   the "sp500" universe. `FMP_BASE_URL` points it elsewhere (a proxy or a local test server).
/// - `STRATCHAT_MENTIONS`: `apewisdom`, `reddit` or `synthetic`. Default: `reddit` when
///   `REDDIT_CLIENT_ID` and `REDDIT_CLIENT_SECRET` are set, else `apewisdom` when FMP is on (live data
///   throughout), else the embedded synthetic sample. `APEWISDOM_BASE_URL` points ApeWisdom elsewhere.
///
/// With nothing set, everything comes from the embedded set and imported CSVs: no key, no network.
package struct LiveConfiguration: Sendable, Hashable {
    package enum Mentions: String, Sendable, Hashable, CaseIterable {
        case apewisdom, reddit, synthetic
    }

    package var fmpKey: String?
    package var fmpBaseURL: URL
    package var mentions: Mentions
    package var apeWisdomBaseURL: URL

    package static let fmpBaseVariable = "FMP_BASE_URL"
    package static let mentionsVariable = "STRATCHAT_MENTIONS"
    package static let apeWisdomBaseVariable = "APEWISDOM_BASE_URL"

    package init(fmpKey: String?, fmpBaseURL: URL = FMPClient.defaultBaseURL, mentions: Mentions,
                apeWisdomBaseURL: URL = ApeWisdomClient.defaultBaseURL) {
        self.fmpKey = fmpKey
        self.fmpBaseURL = fmpBaseURL
        self.mentions = mentions
        self.apeWisdomBaseURL = apeWisdomBaseURL
    }

    /// Reads the variables; a bad value is an error naming the variable and what it accepts.
    package static func from(environment: [String: String]) throws -> LiveConfiguration {
        func value(_ name: String) -> String? {
            guard let text = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
            return text
        }
        func url(_ name: String, default fallback: URL) throws -> URL {
            guard let text = value(name) else { return fallback }
            guard let url = URL(string: text.hasSuffix("/") ? text : text + "/"),
                  ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
                throw MarketDataError.sourceUnavailable("\(name)=\(text)", fix: "Set \(name) to an http:// or https:// address, or unset it.")
            }
            return url
        }
        let key = value(FMPClient.keyVariable)
        let redditSet = value(RedditClient.idVariable) != nil && value(RedditClient.secretVariable) != nil
        let mentions: Mentions
        if let text = value(mentionsVariable) {
            guard let chosen = Mentions(rawValue: text.lowercased()) else {
                throw MarketDataError.sourceUnavailable(
                    "\(mentionsVariable)=\(text)", fix: "Use one of \(Mentions.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            if chosen == .reddit && !redditSet {
                throw MarketDataError.sourceUnavailable(
                    "Reddit search", fix: "Set \(RedditClient.idVariable) and \(RedditClient.secretVariable), or choose \(mentionsVariable)=apewisdom.")
            }
            mentions = chosen
        } else {
            mentions = redditSet ? .reddit : (key != nil ? .apewisdom : .synthetic)
        }
        return LiveConfiguration(fmpKey: key, fmpBaseURL: try url(fmpBaseVariable, default: FMPClient.defaultBaseURL),
                                 mentions: mentions,
                                 apeWisdomBaseURL: try url(apeWisdomBaseVariable, default: ApeWisdomClient.defaultBaseURL))
    }

    /// True when some source reaches the network.
    package var isLive: Bool { fmpKey != nil || mentions != .synthetic }

    /// One line per source saying whether it is on and why; never shows a key.
    package var summary: [String] {
        let fmp = fmpKey == nil
            ? "fmp: off (set FMP_API_KEY to use Financial Modeling Prep prices, insider, fundamental and analyst data)"
            : "fmp: on (FMP_API_KEY set)"
        let reddit = switch mentions {
        case .apewisdom: "reddit mentions: ApeWisdom (live, no key; history only from the first saved daily snapshot)"
        case .reddit: "reddit mentions: Reddit search (REDDIT_CLIENT_ID and REDDIT_CLIENT_SECRET set; last 7 days)"
        case .synthetic: "reddit mentions: embedded synthetic sample (set \(Self.mentionsVariable)=apewisdom for live counts)"
        }
        return [fmp, reddit]
    }
}

extension LiveConfiguration: CustomStringConvertible, CustomReflectable {
    /// Never shows the key, so logging or dumping a configuration is safe.
    package var description: String {
        "LiveConfiguration(fmp: \(fmpKey == nil ? "off" : "on"), mentions: \(mentions.rawValue))"
    }
    package var customMirror: Mirror { Mirror(self, children: ["fmp": fmpKey == nil ? "off" : "on", "mentions": mentions.rawValue]) }
}
