import StrategyCore

/// What a person asked to backtest, before anything is looked up: the strategy, and the dates, money and
/// data they named (nil where they named none and the defaults apply).
package struct BacktestQuery: Sendable {
    package var strategy: TradingStrategy
    package var start: Day?
    package var end: Day?
    package var capital: Double?
    /// Tickers to test on; not together with `universe`.
    package var tickers: [String]?
    /// A named universe ("sample", "MSFT", "AAPL,MSFT", an imported set).
    package var universe: String?
    /// One price CSV read for this run only (nothing is stored); its ticker is the file's unless given.
    package var dataFile: (path: String, ticker: String?)?
    /// How the caller names its inputs in error messages: the tool's arguments or the command's flags.
    package var names = ArgumentNames.tool
    /// What a stored strategy's hold-out does to the dates.
    package var holdout = HoldoutUse.respect

    /// A reserved hold-out either stays out of the run, is the run (an opening, counted), or is not looked up.
    package enum HoldoutUse: Sendable {
        /// Test only the days before the hold-out.
        case respect
        /// Test only the hold-out's days; the run is recorded as an opening, not as a backtest.
        case open
        /// Plan over all the data, as if nothing were reserved (to work out where a new hold-out starts).
        case ignore
    }

    package init(strategy: TradingStrategy, start: Day? = nil, end: Day? = nil, capital: Double? = nil,
                 tickers: [String]? = nil, universe: String? = nil, dataFile: (path: String, ticker: String?)? = nil,
                 names: ArgumentNames = .tool) {
        self.strategy = strategy
        self.start = start
        self.end = end
        self.capital = capital
        self.tickers = tickers
        self.universe = universe
        self.dataFile = dataFile
        self.names = names
    }

    /// The names of the inputs as the caller shows them, so an error says "--from" to a command-line user
    /// and "start_date" to the model.
    package struct ArgumentNames: Sendable {
        package var caller: String
        package var start: String
        package var end: String
        package var capital: String
        package var tickers: String
        package var universe: String

        package static let tool = ArgumentNames(
            caller: ToolName.backtestStrategy.rawValue, start: "start_date", end: "end_date", capital: "initial_capital",
            tickers: "tickers", universe: "universe")
        package static let commandLine = ArgumentNames(
            caller: "backtest", start: "--from", end: "--to", capital: "--capital", tickers: "--universe", universe: "--universe")
    }
}
