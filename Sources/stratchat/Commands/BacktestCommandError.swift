import Foundation
import StrategyCore

/// What `stratchat backtest` can refuse before the engine runs, each with the fix and its exit code.
enum BacktestCommandError: Error, Equatable, LocalizedError {
    /// The strategy file is missing, a folder, unreadable, or not a strategy at all.
    case unreadableStrategy(path: String, reason: String)
    /// The strategy file reads but has problems; they are printed one per line (exit 1).
    case invalidStrategy(path: String, problems: [String])
    /// No stored strategy matches.
    case unknownStrategy(reference: String, suggestion: String?)
    /// Several stored strategies match.
    case ambiguousStrategy(reference: String, candidates: [String])
    /// A date flag that is not YYYY-MM-DD.
    case badDate(flag: String, text: String)
    /// `--from` after `--to`.
    case emptyRange(from: Day, to: Day)

    var errorDescription: String? {
        switch self {
        case let .unreadableStrategy(path, reason):
            "cannot read the strategy \(path) (\(reason)) — check the path, or run `stratchat validate \(path)`"
        case let .invalidStrategy(path, problems):
            "\(path) has \(problems.count) problem\(problems.count == 1 ? "" : "s"): "
                + problems.joined(separator: "; ") + " — fix them (`stratchat validate \(path)` lists each with its fix)"
        case let .unknownStrategy(reference, suggestion):
            "no stored strategy matches \"\(reference)\"" + (suggestion.map { " — did you mean \"\($0)\"?" } ?? "")
                + " — give a strategy file (FILE.json), an id, an id prefix or a name; /strategies in the chat lists them"
        case let .ambiguousStrategy(reference, candidates):
            "\"\(reference)\" matches \(candidates.count) strategies (\(candidates.prefix(5).joined(separator: ", "))) — give more of the id or the full name"
        case let .badDate(flag, text):
            "\(flag) \(text) is not a date — write it as YYYY-MM-DD, e.g. \(flag) 2015-01-02"
        case let .emptyRange(from, to):
            "the date range \(from.iso) … \(to.iso) is empty — give a --from on or before --to"
        }
    }

    /// Problems in a strategy are a domain outcome (1); everything else is bad input (2).
    var exitCode: Int32 {
        if case .invalidStrategy = self { return 1 }
        return 2
    }
}
