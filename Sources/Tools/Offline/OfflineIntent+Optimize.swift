import Foundation
import StrategyCore

/// "optimise the stop between 5 and 10%", "optimize the RSI threshold from 20 to 40 in steps of 5": a sweep
/// of one number, read before the edit and create readings so the range is not taken for a change.
extension OfflineIntentReader {
    /// The words for a number and the grid name `optimize_strategy` resolves against the strategy.
    static let sweepWords: [(pattern: String, name: String)] = [
        (#"stop(?:[ -]loss)?"#, "stop"), (#"(?:profit )?target|take[ -]profit"#, "target"),
        (#"(?:max(?:imum)? )?hold(?:ing)?(?: (?:period|days|time|limit))?"#, "hold"), (#"(?:position )?size"#, "size"),
        (#"(rsi|sma|ema|macd|atr|volume|price change) (?:period|length|window|lookback)"#, "period"),
        (#"(rsi|sma|ema|macd|atr|volume|price change)(?: (?:threshold|level|value|cutoff|limit))?"#, "field"),
    ]

    func optimizeIntent(_ line: String, _ text: String) -> OfflineIntent? {
        guard Self.firstMatch(#"\b(?:optimi[sz]e|sweep|tune|grid search)\b"#, in: text) else { return nil }
        guard let range = OfflineRequestDetails.groups(
            #"\b(?:between|from)\s+(\d+(?:\.\d+)?)\s*%?\s*(?:and|to|-)\s*(\d+(?:\.\d+)?)"#, in: text),
            range.count == 2, let lo = Double(range[0]), let hi = Double(range[1]), lo != hi
        else {
            return .clarify("Which number, over which range? For example \"optimise the stop between 5 and 10%\" or \"optimise the RSI threshold between 20 and 40\".")
        }
        let (low, high) = (min(lo, hi), max(lo, hi))
        var name: String?
        for (pattern, word) in Self.sweepWords {
            guard let found = OfflineRequestDetails.groups(#"\b(?:optimi[sz]e|sweep|tune|grid search)\s+(?:the\s+|its\s+|my\s+)?(?:"#
                + pattern + #")\b"#, in: text) else { continue }
            switch word {
            case "period": name = found.first.map { $0.replacingOccurrences(of: " ", with: "_") + "_period" }
            case "field": name = found.first.map { $0.replacingOccurrences(of: " ", with: "_") }
            default: name = word
            }
            break
        }
        guard let name else {
            return .clarify("Which number should I vary: the stop, the target, the hold, the size, or an indicator's threshold (\"the RSI threshold\")?")
        }
        let step = OfflineRequestDetails.groups(#"\b(?:in )?steps? (?:of )?(\d+(?:\.\d+)?)"#, in: text).flatMap { Double($0[0]) }
            ?? (high - low <= 10 ? 1 : (high - low) / 4)
        return .optimize(reference(in: line), grid: ["\(name)=\(Self.number(low))..\(Self.number(high)):\(Self.number(step))"])
    }

    /// "is this overfit?", "is it just luck?", "how robust is it", "run a monte carlo": the robustness check of the
    /// strategy in focus or the one the line names.
    func robustnessIntent(_ line: String, _ text: String) -> OfflineIntent? {
        let holdout = #"hold[ -]?out"#
        if Self.firstMatch(holdout, in: text) {
            if let share = OfflineRequestDetails.groups(#"\b(\d+(?:\.\d+)?)\s*(?:%|percent)"#, in: text) {
                return .robustness(reference(in: line), holdout: share[0] + "%")
            }
            if let day = OfflineRequestDetails.groups(#"\b(\d{4}-\d{2}-\d{2})\b"#, in: text) {
                return .robustness(reference(in: line), holdout: day[0])
            }
            if Self.firstMatch(#"\b(?:remove|drop|clear|cancel|give back|no)\b"#, in: text) {
                return .robustness(reference(in: line), holdout: "off")
            }
            if Self.firstMatch(#"\b(?:test|try|run|check|open|backtest|use|look at|evaluate)\b"#, in: text) {
                return .robustness(reference(in: line), open: true)
            }
            return .clarify("Reserve how much, or test on it? Say \"keep the last 30% as a hold-out\" or \"test it on the hold-out\".")
        }
        let asks = #"\b(?:over[ -]?fit(?:ted|ting)?|curve[ -]fit(?:ted)?|robust(?:ness)?|monte[ -]carlo|regimes?|deflated sharpe|"#
            + #"(?:is|was) (?:it|this|that|the result)(?: just| only| pure)? (?:luck|lucky|a fluke))\b"#
        guard Self.firstMatch(asks, in: text) else { return nil }
        return .robustness(reference(in: line))
    }

    /// The numbers a walk-forward varies when the line names none: the stop, which every strategy has.
    static let defaultWalkForwardGrid = "stop=4..12:2"

    /// "walk forward over 2 years train, 6 months test", with a sweep's range when the line gives one.
    func walkForwardIntent(_ line: String, _ text: String) -> OfflineIntent? {
        guard Self.firstMatch(#"\bwalk[ -]?forward"#, in: text) else { return nil }
        let length = #"(\d+)\s*(years?|yrs?|y|months?|mos?|m)\b"#
        func months(_ g: [String]) -> Int? { Int(g[0]).map { g[1].hasPrefix("y") ? $0 * 12 : $0 } }
        // "2 years train, 6 months test" puts each length before its word, "train 3 years, test 6 months" after it;
        // one style is read for both, so a length is never taken by the word on its other side.
        func before(_ word: String) -> Int? {
            OfflineRequestDetails.groups(length + #"\s*(?:of\s+)?(?:\#(word))"#, in: text).flatMap(months)
        }
        func after(_ word: String) -> Int? {
            OfflineRequestDetails.groups(#"\b(?:\#(word))(?:ing)?\s*(?:on|over|for|of|window|windows|period|:)?\s*"# + length, in: text)
                .flatMap(months)
        }
        let (train, test) = (before("train"), before("test|out of sample")) as (Int?, Int?)
        let (trainAfter, testAfter) = (after("train"), after("test|out of sample"))
        let chosen = train != nil && test != nil ? (train, test) : trainAfter != nil && testAfter != nil ? (trainAfter, testAfter)
            : (train ?? trainAfter, test ?? testAfter)
        guard let trainMonths = chosen.0, let testMonths = chosen.1, trainMonths >= 1, testMonths >= 1 else {
            return .clarify("How long should each train and test window be? Say \"walk forward over 2 years train, 6 months test\".")
        }
        let options = WalkForward.Options(trainMonths: trainMonths, testMonths: testMonths, anchored: Self.firstMatch(#"\banchored\b"#, in: text))
        if case .optimize(let reference, let grid, _)? = optimizeIntent(line, text) {
            return .optimize(reference, grid: grid, walkForward: options)
        }
        return .optimize(reference(in: line), grid: [Self.defaultWalkForwardGrid], walkForward: options)
    }

    static func number(_ x: Double) -> String {
        x == x.rounded() ? String(Int(x)) : String(x)
    }
}
