import Foundation

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

    static func number(_ x: Double) -> String {
        x == x.rounded() ? String(Int(x)) : String(x)
    }
}
