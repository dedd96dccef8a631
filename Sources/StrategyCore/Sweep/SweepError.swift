import Foundation

/// Why a parameter sweep cannot run, with what to change.
package enum SweepError: Error, Equatable, LocalizedError {
    case badAxis(String)
    case badStep(String)
    case badRange(String)
    case nothingToVary
    case repeatedPath(String)
    case tooManyVariants(Int)
    case noSuchPath(path: String, key: String, available: [String])
    case notANumber(path: String, found: String)
    case notAPeriod(path: String, value: Double)
    case trainTooShort(days: Int, needed: Int)
    case holdoutTooLarge(String)
    case holdoutAfterData(start: Day, last: Day)
    case badHoldout(String)
    case noTestWindow(trainMonths: Int, start: Day, end: Day)

    package var errorDescription: String? {
        switch self {
        case .badAxis(let text):
            "The grid \"\(text)\" is not PATH=LO..HI:STEP or PATH=A,B,C; write e.g. risk_parameters.stop_loss_pct=4..12:2."
        case .badStep(let text):
            "The step in \"\(text)\" must be a positive number; write e.g. 4..12:2."
        case .badRange(let text):
            "The range \"\(text)\" runs backwards or is not a number; put the lower value first, e.g. 4..12:2."
        case .nothingToVary:
            "The grid has no numbers to vary: give at least one path with two or more values, e.g. entry_conditions.0.value=20..40:5."
        case .repeatedPath(let path):
            "\(path) is in the grid twice; give each path once."
        case .tooManyVariants(let n):
            "The grid makes \(n) variants, over the limit of \(ParameterGrid.maximumVariants); use a coarser step or fewer paths."
        case .noSuchPath(let path, let key, let available):
            "\(path): the strategy has no \"\(key)\" there; it has \(available.prefix(12).joined(separator: ", "))."
        case .notANumber(let path, let found):
            "\(path) holds \(found), not a number to vary; point the path at a number or an indicator name such as rsi_14."
        case .notAPeriod(let path, let value):
            "\(path) is an indicator period, so \(value) must be a whole number of at least 1."
        case .trainTooShort(let days, let needed):
            "A train window of \(days) trading days is shorter than the longest indicator's look-back (\(needed) days); train over more years."
        case .holdoutTooLarge(let text):
            "The hold-out \(text) leaves too little data to test on (at least \(Holdout.minimumTestDays) trading days must remain); reserve less, e.g. holdout 30%."
        case .holdoutAfterData(let start, let last):
            "The hold-out from \(start.iso) starts after the data's last day (\(last.iso)); choose an earlier date, or a share such as holdout 30%."
        case .noTestWindow(let months, let start, let end):
            "\(months) months of training leave no test window in \(start.iso) to \(end.iso); train over fewer months or test over more data."
        case .badHoldout(let text):
            "\"\(text)\" is not a hold-out; write a share of the data such as 30% or the first reserved day as YYYY-MM-DD."
        }
    }
}
