import Foundation

/// Prints a failure as DESIGN.md's conventions ask (one line on stderr naming the fix) and gives the exit code.
enum DataCommandFailure {
    static func report(_ error: any Error, console: any Console) -> ExitCodeValue {
        let text = (error as? any LocalizedError)?.errorDescription ?? error.localizedDescription
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        console.writeError("error: " + line)
        if let error = error as? BacktestCommandError { return error.exitCode }
        return 2
    }

    typealias ExitCodeValue = Int32
}
