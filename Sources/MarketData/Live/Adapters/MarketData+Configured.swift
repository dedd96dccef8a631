import Foundation
import Networking
import StrategyCore

extension MarketData {
    /// The sources the configuration switches on, in the order `MarketData` asks them: live sources first
    /// (so real data beats the synthetic sample), then imported CSV sets, then the embedded set.
    ///
    /// - Parameters:
    ///   - storage: imported bars (the program passes its store); nil for none.
    ///   - cache: where live fetches are cached and counted (the store in the program).
    ///   - universe: when it is "sp500" and FMP is on, today's list is fetched (once a day) so it resolves.
    ///   - environment: where Reddit's credentials are read, when Reddit search is chosen.
    ///   - now: the clock live sources date their observations and cache entries by.
    ///   - retry: how 429 and 5xx answers are retried; `sleep` is how the waits happen (tests record them).
    public static func configured(
        _ configuration: LiveConfiguration, environment: [String: String] = [:], storage: (any BarStorage)?, cache: any LiveDataCache,
        transport: any HTTPTransport = URLSessionTransport(), universe: String? = nil,
        fmpDailyLimit: Int = FMPClient.freeTierDailyLimit, now: @escaping @Sendable () -> Date = { Date() },
        retry: RetryPolicy = RetryPolicy(),
        sleep: @escaping RetryingTransport.Sleep = { try await Task.sleep(nanoseconds: UInt64(max(0, $0) * 1e9)) }
    ) async throws -> MarketData {
        func fetcher(_ source: String, limit: Int? = nil) -> LiveFetcher {
            LiveFetcher(source: source, transport: transport, cache: cache, dailyLimit: limit, retry: retry, now: now, sleep: sleep)
        }
        var sources: [any MarketDataSource] = []
        if let key = configuration.fmpKey {
            var source = FMPSource(client: FMPClient(apiKey: key, fetcher: fetcher(FMPClient.source, limit: fmpDailyLimit),
                                                     baseURL: configuration.fmpBaseURL))
            if universe?.trimmingCharacters(in: .whitespaces).lowercased() == "sp500" {
                source = try await source.loadingSP500()
            }
            sources.append(source)
        }
        switch configuration.mentions {
        case .apewisdom:
            sources.append(ApeWisdomSource(client: ApeWisdomClient(fetcher: fetcher(ApeWisdomClient.source),
                                                                   baseURL: configuration.apeWisdomBaseURL)))
        case .reddit:
            guard let client = try RedditClient.fromEnvironment(environment, cache: cache, transport: transport) else {
                // Chosen but not set up: say so rather than quietly serving the synthetic sample instead.
                throw MarketDataError.sourceUnavailable(
                    "Reddit search", fix: "Set \(RedditClient.idVariable) and \(RedditClient.secretVariable), or choose \(LiveConfiguration.mentionsVariable)=apewisdom.")
            }
            sources.append(RedditSource(client: client))
        case .synthetic:
            break
        }
        if let storage { sources += try StoredBarsSource.all(in: storage) }
        sources.append(try EmbeddedSource.shared())
        return MarketData(sources: sources)
    }

    /// Configured from an environment dictionary (see `LiveConfiguration`).
    public static func configured(
        environment: [String: String], storage: (any BarStorage)?, cache: any LiveDataCache,
        transport: any HTTPTransport = URLSessionTransport(), universe: String? = nil
    ) async throws -> MarketData {
        try await configured(LiveConfiguration.from(environment: environment), environment: environment,
                             storage: storage, cache: cache,
                             transport: transport, universe: universe)
    }
}
