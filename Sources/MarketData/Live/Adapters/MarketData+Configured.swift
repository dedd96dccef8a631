import Foundation
import Networking
import StrategyCore

extension MarketData {
    /// The sources the configuration switches on, in the order `MarketData` asks them: live sources first
    /// (so real data beats the synthetic sample), then imported CSV sets, then the embedded set.
    ///
    /// Nothing is fetched here; the "sp500" universe needs `loadingUniverse(_:)` (or the `universe:` form).
    /// - Parameters:
    ///   - environment: where Reddit's credentials are read, when Reddit search is chosen.
    ///   - storage: imported bars (the program passes its store); nil for none.
    ///   - cache: where live fetches are cached and counted (the store in the program).
    ///   - now: the clock live sources date their observations and cache entries by.
    ///   - retry: how 429 and 5xx answers are retried; `sleep` is how the waits happen (tests record them).
    package static func configured(
        _ configuration: LiveConfiguration, environment: [String: String] = [:], storage: (any BarStorage)?,
        cache: any LiveDataCache, transport: any HTTPTransport = URLSessionTransport(),
        fmpDailyLimit: Int = FMPClient.freeTierDailyLimit, now: @escaping @Sendable () -> Date = { Date() },
        retry: RetryPolicy = RetryPolicy(),
        sleep: @escaping RetryingTransport.Sleep = { try await Task.sleep(nanoseconds: UInt64(max(0, $0) * 1e9)) }
    ) throws -> MarketData {
        func fetcher(_ source: String, limit: Int? = nil) -> LiveFetcher {
            LiveFetcher(source: source, transport: transport, cache: cache, dailyLimit: limit, retry: retry, now: now, sleep: sleep)
        }
        var sources: [any MarketDataSource] = []
        if let key = configuration.fmpKey {
            sources.append(FMPSource(client: FMPClient(apiKey: key, fetcher: fetcher(FMPClient.source, limit: fmpDailyLimit),
                                                       baseURL: configuration.fmpBaseURL)))
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

    /// Configured from an environment dictionary (see `LiveConfiguration`), fetching nothing.
    package static func configured(
        environment: [String: String], storage: (any BarStorage)?, cache: any LiveDataCache,
        transport: any HTTPTransport = URLSessionTransport()
    ) throws -> MarketData {
        try configured(LiveConfiguration.from(environment: environment), environment: environment,
                       storage: storage, cache: cache, transport: transport)
    }

    /// The same sources, with what `universe` needs fetched first: for "sp500" with FMP on, today's list
    /// (one request a day, then cached). Any other name needs nothing and returns `self`.
    package func loadingUniverse(_ universe: String) async throws -> MarketData {
        guard universe.trimmingCharacters(in: .whitespaces).lowercased() == "sp500" else { return self }
        var loaded: [any MarketDataSource] = []
        for source in sources {
            if let fmp = source as? FMPSource { loaded.append(try await fmp.loadingSP500()) } else { loaded.append(source) }
        }
        return MarketData(sources: loaded)
    }

    /// Configured and ready for `universe` (see `configured(_:…)` and `loadingUniverse(_:)`).
    package static func configured(
        _ configuration: LiveConfiguration, environment: [String: String] = [:], storage: (any BarStorage)?,
        cache: any LiveDataCache, transport: any HTTPTransport = URLSessionTransport(), universe: String?,
        fmpDailyLimit: Int = FMPClient.freeTierDailyLimit, now: @escaping @Sendable () -> Date = { Date() },
        retry: RetryPolicy = RetryPolicy(),
        sleep: @escaping RetryingTransport.Sleep = { try await Task.sleep(nanoseconds: UInt64(max(0, $0) * 1e9)) }
    ) async throws -> MarketData {
        let data = try configured(configuration, environment: environment, storage: storage, cache: cache,
                                  transport: transport, fmpDailyLimit: fmpDailyLimit, now: now, retry: retry, sleep: sleep)
        guard let universe else { return data }
        return try await data.loadingUniverse(universe)
    }
}
