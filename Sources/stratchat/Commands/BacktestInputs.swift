import Foundation
import MarketData
import Store
import StrategyCore

/// Turns `backtest`'s flags into what the engine needs: the strategy, the bars, the benchmark and the range.
enum BacktestInputs {
    /// How far back the default range reaches from its end.
    static let defaultYears = 2

    /// A strategy and whether it came from the store (then its backtest is saved).
    struct ChosenStrategy {
        var strategy: TradingStrategy
        var fromStore: Bool
    }

    /// A file path (an existing file, or a name ending in .json) loads through
    /// `StrategyDocument`; anything else is an id, an id prefix or a name among the user's stored strategies.
    static func strategy(_ reference: String, user: String, store: () throws -> StratStore?) throws -> ChosenStrategy {
        if looksLikeFile(reference) {
            let read = Result { () throws(StratchatError) -> Data in try ValidateCommand.read(reference) }
            let data: Data
            switch read {
            case .success(let bytes):
                data = bytes
            case .failure(.unreadableFile(_, let reason)):
                throw BacktestCommandError.unreadableStrategy(path: reference, reason: reason)
            case .failure(let other):
                throw other
            }
            let loaded = StrategyDocument.load(data)
            guard let strategy = loaded.strategy else {
                let first = loaded.problems.first.map(\.description) ?? "it is not a strategy"
                throw BacktestCommandError.unreadableStrategy(path: reference, reason: first)
            }
            guard loaded.problems.isEmpty else {
                throw BacktestCommandError.invalidStrategy(path: reference, problems: loaded.problems.map(\.description))
            }
            return ChosenStrategy(strategy: strategy, fromStore: false)
        }
        guard let store = try store() else { throw BacktestCommandError.unknownStrategy(reference: reference, suggestion: nil) }
        switch try store.resolveStrategyReference(reference, user: user) {
        case .found(let strategy):
            return ChosenStrategy(strategy: strategy, fromStore: true)
        case .ambiguous(let matches):
            throw BacktestCommandError.ambiguousStrategy(
                reference: reference, candidates: matches.map { "\($0.name) (\(($0.id ?? "").prefix(8)))" })
        case .notFound(let suggestion):
            throw BacktestCommandError.unknownStrategy(reference: reference, suggestion: suggestion)
        }
    }

    static func looksLikeFile(_ reference: String) -> Bool {
        FileManager.default.fileExists(atPath: reference) || reference.lowercased().hasSuffix(".json")
    }

    /// A `--from`/`--to` value.
    static func day(_ text: String?, flag: String) throws -> Day? {
        guard let text else { return nil }
        guard let day = Day(iso: text.trimmingCharacters(in: .whitespaces)) else {
            throw BacktestCommandError.badDate(flag: flag, text: text)
        }
        return day
    }

    /// Reads `--data-csv` into memory (nothing is stored) and returns market data whose first source is the
    /// file, plus the file's bad-row problems as warnings.
    static func csvMarketData(path: String, ticker: String?, behind base: MarketData) throws -> (marketData: MarketData, universe: String, warnings: [String]) {
        let storage = InMemoryBarStorage()
        let name = "file " + (path as NSString).lastPathComponent
        let report = try DataImporter(storage: storage).importPath(path, options: .init(ticker: ticker, source: name))
        var warnings = report.problems.prefix(20).map { "data: \($0.file) line \($0.line): \($0.message)" }
        if report.problems.count > 20 { warnings.append("data: \(report.problems.count - 20) more bad rows in \(path)") }
        warnings += report.refused.map { "data: \($0.file) skipped: \($0.reason)" }
        let sources = try StoredBarsSource.all(in: storage)
        return (MarketData(sources: sources + base.sources), name, warnings)
    }

    /// The range used: the flags where given; otherwise the last `defaultYears` years of the data, bounded
    /// by the span at least half the tickers cover (so one long series cannot stretch it). The same rule as
    /// the chat's backtest tool, so both pick the same days.
    static func range(from: Day?, to: Day?, series: [PriceSeries]) -> (from: Day, to: Day, defaulted: Bool)? {
        let firsts = series.compactMap(\.firstDay).sorted(), lasts = series.compactMap(\.lastDay).sorted(by: >)
        guard !firsts.isEmpty else { return nil }
        let typicalFirst = firsts[(firsts.count - 1) / 2], typicalLast = lasts[(lasts.count - 1) / 2]
        let end = to ?? typicalLast
        let yearsBack = (Day(year: end.year - defaultYears, month: end.month, day: min(end.components.day, 28))
            ?? end.adding(days: -365 * defaultYears)).adding(days: 1)
        let typicalStart = max(yearsBack, typicalFirst) <= end ? max(yearsBack, typicalFirst) : yearsBack
        return (from ?? typicalStart, end, from == nil || to == nil)
    }

    /// How the data is described in the assumptions: each source of the universe's prices, real or synthetic.
    static func dataLabel(universe: ResolvedUniverse, marketData: MarketData, external: ExternalData) -> String {
        let names = Array(Set(universe.members.map(\.source))).sorted()
        var parts = names.map { name -> String in
            let info = marketData.sources.first { $0.info.name == name }?.info
            let synthetic = info?.isSynthetic(.prices) ?? false
            switch name {
            case EmbeddedSource.name: return "embedded data set, real daily prices (see `stratchat data info` for sources)"
            case EmbeddedSource.longHistoryName: return "embedded long-history set, real daily prices stitched from four files (see `stratchat data info` for sources)"
            case FMPSource.name: return "Financial Modeling Prep dividend-adjusted daily prices (real)"
            case let file where file.hasPrefix("file "): return "\(file.dropFirst(5)), real prices as given in the CSV (read for this run, not stored)"
            default: return "imported CSV set \"\(name)\"" + (synthetic ? " (synthetic sample)" : " (real prices as imported)")
            }
        }
        parts += external.syntheticLabels
        return parts.joined(separator: "; ")
    }

    /// The universe as the assumptions state it, with its caveats.
    static func universeLabel(_ universe: ResolvedUniverse) -> String {
        let count = universe.members.count
        let head = count == 1 ? universe.tickers[0] : "\(universe.name) (\(count) tickers)"
        return ([head] + universe.notes).joined(separator: "; ")
    }
}
