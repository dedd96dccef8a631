import Foundation

/// Prints a failure as DESIGN.md's conventions ask (one line on stderr naming the fix) and gives the exit
/// code: 1 for a strategy file with problems, 2 for every other failure (bad input, data, store, live source).
enum DataCommandFailure {
    static func report(_ error: any Error, console: any Console) -> Int32 {
        let text = (error as? any LocalizedError)?.errorDescription ?? error.localizedDescription
        console.writeError("error: " + text.split(whereSeparator: \.isNewline).joined(separator: " "))
        if let error = error as? BacktestCommandError { return error.exitCode }
        return 2
    }
}
