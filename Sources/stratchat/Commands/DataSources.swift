import Foundation
import MarketData
import Store

/// What the data commands and `backtest` share: the settings in force, the store when one is needed,
/// and the market-data sources the configuration switches on.
struct DataSources {
    let settings: Settings
    let configuration: LiveConfiguration
    let store: StratStore?
    let marketData: MarketData

    /// Opens the store and the sources.
    ///
    /// The database is opened when `requireStore` says so, when it already exists (it may hold imported
    /// sets) or when a live source needs its cache; otherwise nothing is written to the home folder.
    /// - Parameter universe: passed on so that "sp500" is fetched only when it is asked for.
    static func open(_ launch: LaunchSettings, options: GlobalOptions, environment: HostEnvironment,
                     universe: String? = nil, requireStore: Bool = false) async throws -> DataSources {
        let settings = try options.loadSettings(paths: launch.paths, environment: environment)
        let variables = liveVariables(settings: settings, environment: environment)
        let configuration = try LiveConfiguration.from(environment: variables)
        let databaseExists = FileManager.default.fileExists(atPath: launch.paths.database.path)
        var store: StratStore?
        if requireStore || databaseExists || configuration.isLive {
            do {
                store = try StratStore.open(at: launch.paths.database.path)
                store?.notices.forEach { StandardConsole().writeError("note: " + $0) }
            } catch {
                throw StratchatError.storeUnavailable(path: launch.paths.database.path, message: error.localizedDescription)
            }
        }
        let marketData = try await MarketData.configured(
            configuration, environment: variables, storage: store, cache: store ?? InMemoryLiveDataCache(),
            universe: universe)
        return DataSources(settings: settings, configuration: configuration, store: store, marketData: marketData)
    }

    /// Opens the sources with the store, for commands that write to it (import, scan, portfolio).
    static func openWithStore(_ launch: LaunchSettings, options: GlobalOptions, environment: HostEnvironment,
                              universe: String? = nil) async throws -> (sources: DataSources, store: StratStore) {
        let sources = try await open(launch, options: options, environment: environment, universe: universe, requireStore: true)
        guard let store = sources.store else {
            throw StratchatError.storeUnavailable(path: launch.paths.database.path, message: "not opened")
        }
        return (sources, store)
    }

    /// The environment with the config file's FMP key filled in, so `[keys] fmp` works like `FMP_API_KEY`.
    static func liveVariables(settings: Settings, environment: HostEnvironment) -> [String: String] {
        var variables = environment.variables
        if let key = settings.apiKey(for: .fmpKey) { variables["FMP_API_KEY"] = key }
        return variables
    }
}
