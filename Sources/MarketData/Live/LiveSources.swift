import Foundation
import Networking

/// The live sources the environment switches on, built once so they share one transport and one cache.
///
/// FMP needs `FMP_API_KEY`; Reddit's own search needs `REDDIT_CLIENT_ID` and `REDDIT_CLIENT_SECRET`;
/// ApeWisdom needs nothing. A source that is off is nil, never replaced by another one.
package struct LiveSources: Sendable {
    package var fmp: FMPClient?
    package var apeWisdom: ApeWisdomClient
    package var reddit: RedditClient?

    package init(fmp: FMPClient?, apeWisdom: ApeWisdomClient, reddit: RedditClient?) {
        self.fmp = fmp
        self.apeWisdom = apeWisdom
        self.reddit = reddit
    }

    /// - Parameter fmpDailyLimit: the FMP plan's daily allowance (the free plan's 250 by default).
    package static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment,
                                       cache: any LiveDataCache, transport: any HTTPTransport = URLSessionTransport(),
                                       fmpDailyLimit: Int = FMPClient.freeTierDailyLimit) throws -> LiveSources {
        let fmp: FMPClient?
        do {
            fmp = try FMPClient.fromEnvironment(environment, transport: transport, cache: cache, dailyLimit: fmpDailyLimit)
        } catch LiveSourceError.missingKey {
            fmp = nil
        }
        return LiveSources(fmp: fmp, apeWisdom: .live(cache: cache, transport: transport),
                           reddit: try RedditClient.fromEnvironment(environment, cache: cache, transport: transport))
    }

    /// One line per source saying whether it is on and why, for `data info` and `config`; never shows a key.
    package var summary: [String] {
        [
            fmp.map { _ in "fmp: on (FMP_API_KEY set)" } ?? "fmp: off (set FMP_API_KEY to use Financial Modeling Prep)",
            "apewisdom: on (no key needed; history only from the first saved daily snapshot)",
            reddit == nil ? "reddit: off (set REDDIT_CLIENT_ID and REDDIT_CLIENT_SECRET to search Reddit directly)"
                : "reddit: on (REDDIT_CLIENT_ID and REDDIT_CLIENT_SECRET set)",
        ]
    }
}
