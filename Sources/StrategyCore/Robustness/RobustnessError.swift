import Foundation

/// Why a robustness statistic could not be computed, with what to change.
package enum RobustnessError: Error, Equatable, LocalizedError {
    case blocksNotEven(Int)
    case tooFewPeriods(periods: Int, needed: Int)
    case tooFewVariants(Int)
    case unequalLengths(variant: Int, count: Int, expected: Int)
    case notFinite(variant: Int, period: Int)
    case noReturns(what: String)
    case invalidOption(name: String, value: Int, minimum: Int)

    package var errorDescription: String? {
        switch self {
        case .blocksNotEven(let s):
            "CSCV needs an even number of blocks of at least 2, not \(s); use 16 (the default) or another even number."
        case .tooFewPeriods(let t, let needed):
            "\(t) periods of returns are too few for this split; it needs at least \(needed), so use fewer blocks or more data."
        case .tooFewVariants(let n):
            "Overfitting needs at least 2 variants to choose between, not \(n); sweep more than one value."
        case .unequalLengths(let v, let count, let expected):
            "Variant \(v) has \(count) returns where the first has \(expected); give every variant the same days."
        case .notFinite(let v, let t):
            "Variant \(v) has a missing or infinite return at period \(t); fill or drop that day for every variant."
        case .noReturns(let what):
            "There are no \(what) to resample; run a backtest that produces some first."
        case .invalidOption(let name, let value, let minimum):
            "\(name) is \(value); it must be at least \(minimum)."
        }
    }
}
