import Foundation

/// The long strategy nearest to a short idea: each condition turned to its mirror image
/// ("RSI above 70" → "RSI below 30", "death cross" → "golden cross", insider selling → insider buying).
enum ShortMirror {
    /// Nil when some condition has no meaningful mirror (a P/E threshold, a market-cap floor).
    static func longVersion(of strategy: TradingStrategy) -> TradingStrategy? {
        var long = strategy
        guard let entry = mirror(strategy.entryConditions), let exit = mirror(strategy.exitConditions) else { return nil }
        long.entryConditions = entry
        long.exitConditions = exit
        return long
    }

    static func mirror(_ conditions: [Condition]) -> [Condition]? {
        var result: [Condition] = []
        for condition in conditions {
            guard let mirrored = mirror(condition) else { return nil }
            result.append(mirrored)
        }
        return result
    }

    static func mirror(_ condition: Condition) -> Condition? {
        guard let field = Field(name: condition.field) else { return nil }
        var out = condition
        out.operator = switch condition.operator {
        case .gt: .lt
        case .lt: .gt
        case .gte: .lte
        case .lte: .gte
        case .crossesAbove: .crossesBelow
        case .crossesBelow: .crossesAbove
        case .eq, .between, .in: condition.operator
        }
        switch (field, condition.value) {
        case (.rsi, .number(let v)): out.value = .number(100 - v)
        case (.rsi, .numbers(let vs)) where vs.count == 2: out.value = .numbers([100 - vs[1], 100 - vs[0]])
        case (.priceChangePct, .number(let v)), (.macd, .number(let v)), (.macdHist, .number(let v)),
             (.redditSentiment, .number(let v)), (.positionPnlPct, .number(let v)):
            out.value = .number(-v)
        case (.insiderBuyCount(let d), _): out.field = Field.insiderSellCount(days: d).name; out.operator = condition.operator
        case (.insiderSellCount(let d), _): out.field = Field.insiderBuyCount(days: d).name; out.operator = condition.operator
        case (.insiderBuyValue(let d), _): out.field = Field.insiderSellValue(days: d).name; out.operator = condition.operator
        case (.insiderSellValue(let d), _): out.field = Field.insiderBuyValue(days: d).name; out.operator = condition.operator
        case (_, .field(let reference)):
            guard let other = Field(name: reference.field) else { return nil }
            let swapped: Field = switch other {
            case .bbUpper(let n, let k): .bbLower(period: n, k: k)
            case .bbLower(let n, let k): .bbUpper(period: n, k: k)
            case .highN(let n): .lowN(n)
            case .lowN(let n): .highN(n)
            default: other
            }
            var ref = reference
            ref.field = swapped.name
            if let m = reference.multiplier, m != 0, [.close, .open, .high, .low].contains(field) { ref.multiplier = 1 / m }
            out.value = .field(ref)
        default:
            return nil
        }
        return out
    }
}
