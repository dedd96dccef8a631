import Foundation
import StrategyCore

/// What went wrong in signals, scans, actions, portfolio import or the leaderboard, and how to fix it.
package enum SignalError: Error, Hashable, Sendable, LocalizedError {
    case unknownStrategy(String)
    case unknownSignal(String)
    case noData(strategy: String, detail: String)
    case noBarOnDay(Day, universe: String)
    case invalidPrice(Double)
    case invalidShares(Double)
    case refused(signalId: String, reason: String, fix: String)
    case unreadableFile(path: String, reason: String)
    case nothingImported(file: String, problems: Int)
    case scanBusy(lockPath: String, waitedSeconds: Double)
    case lockFailed(path: String, reason: String)
    case emptyRange(from: Day, to: Day)

    package var errorDescription: String? {
        switch self {
        case .unknownStrategy(let id):
            "No strategy \"\(id)\" of yours. List your strategies and use one of their ids or names."
        case .unknownSignal(let id):
            "No signal \"\(id)\" of yours. Ask for the strategy's signals to see their ids."
        case .noData(let strategy, let detail):
            "No market data for \"\(strategy)\": \(detail). Check the universe name, or import data with `stratchat data import`."
        case .noBarOnDay(let day, let universe):
            "The universe \(universe) has no bar on \(day). Pick a trading day inside the data's range."
        case .invalidPrice(let p):
            "The price \(p) is not above zero. Give the price you traded at."
        case .invalidShares(let s):
            "The share count \(s) is not above zero. Give the number of shares, or leave it out."
        case .refused(let id, let reason, let fix):
            "Signal \(id) cannot change: \(reason). \(fix)"
        case .unreadableFile(let path, let reason):
            "Cannot read \(path): \(reason). Check the path and that the file is a CSV with date,ticker,side,shares,price[,fees]."
        case .nothingImported(let file, let problems):
            "Nothing imported from \(file): all \(problems) rows had problems. Fix the rows listed above and import again."
        case .scanBusy(let path, let waited):
            "Another scan is running (it holds \(path)); waited \(Int(waited)) s. Run the scan again when it has finished."
        case .lockFailed(let path, let reason):
            "Cannot take the scan lock \(path): \(reason). Check that the stratchat home directory is writable."
        case .emptyRange(let from, let to):
            "The range \(from) to \(to) is empty. Give --from on or before --to."
        }
    }
}
