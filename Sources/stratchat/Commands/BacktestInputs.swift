import Foundation
import MarketData
import Store
import StrategyCore

/// Reads `backtest`'s strategy and date flags; `BacktestService` does the rest.
enum BacktestInputs {
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
            return ChosenStrategy(strategy: strategy.definition, fromStore: true)
        case .ambiguous(let matches):
            throw BacktestCommandError.ambiguousStrategy(
                reference: reference, candidates: matches.map { "\($0.name) (\($0.id.prefix(8)))" })
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
}
