import Foundation

extension ConditionReader {
    static let comparisonWords: Set<String> = ["gt", "lt", "gte", "lte", "eq", "xabove", "xbelow", "cross", "break",
                                               "hits", "between", "upto", "turnspositive", "turnsnegative", "near",
                                               "gte+", "lte+"]
    static let comparisonSymbols: Set<String> = ["<", ">", "<=", ">=", "="]

    func isComparison(_ index: Int) -> Bool {
        guard index < tokens.count else { return false }
        let token = tokens[index]
        if token.kind == .symbol { return Self.comparisonSymbols.contains(token.text) }
        if token.isWord("up") || token.isWord("down") { return isComparison(index + 1) }
        return token.isWord(in: Self.comparisonWords)
    }

    /// A length in bars after a number: "50-day", "10-week", "3 month".
    func barsUnit(_ index: Int, count n: Double) -> Int? {
        switch word(index) {
        case "day": Int(n)
        case "week": n == 52 ? 252 : Int(n * 5)
        case "month": Int(n * 21)
        case "year": Int(n * 252)
        default: nil
        }
    }

    /// A positive whole number usable as a period.
    func period(_ index: Int) -> Int? {
        guard let token = number(index), token.unit == .plain, token.value >= 1, token.value <= Double(Field.maxParameter),
              token.value == token.value.rounded() else { return nil }
        return Int(token.value)
    }

    /// An indicator or data field starting at `index`, with the number of tokens it spans.
    mutating func operand(at index: Int, draft: inout ParseDraft) -> (Operand, Int)? {
        guard index < tokens.count else { return nil }
        let token = tokens[index]
        if token.kind == .word, token.text.hasPrefix("field:"), let field = Field(name: String(token.text.dropFirst(6))) {
            return (.field(field), 1)
        }
        // "50-day MA", "200 SMA", "10-week moving average", "14-day RSI", "52 week high", "the 50-day".
        if let n = period(index) {
            var j = index + 1
            var bars = n
            if let b = barsUnit(j, count: Double(n)) { bars = b; j += 1 }
            if word(j - 1) == "week", word(j) != "high", word(j) != "low", word(j) != "newhigh", word(j) != "newlow" {
                draft.assume("\(n)-week average read as \(bars) daily bars")
            }
            switch word(j) {
            case "sma", "ma": return (.field(.sma(bars)), j - index + 1)
            case "ema": return (.field(.ema(bars)), j - index + 1)
            case "rsi": return (.field(.rsi(bars)), j - index + 1)
            // "the 20-day return", "10-day rate of change": the price change over that many bars.
            case "return": return (.field(.priceChangePct(bars)), j - index + 1)
            case "high", "newhigh": return (.field(.highN(bars)), j - index + 1)
            case "low", "newlow": return (.field(.lowN(bars)), j - index + 1)
            case "avg":
                if word(j + 1) == "volume" { return (.field(.volumeSMA(bars)), j - index + 2) }
                return (.average(bars), j - index + 1)
            case "volume" where word(j + 1) == "avg":
                return (.field(.volumeSMA(bars)), j - index + 2)
            case "bollinger", "band":
                return nil
            default:
                // "the 50-day" alone means its moving average; not after window words ("in 5 days").
                let windowWords: Set<String> = ["in", "last", "after", "for", "of", "hold", "max", "upto", "lte"]
                if j > index + 1, n >= 5, word(j - 1) == "day" || word(j - 1) == "week",
                   !(word(index - 1).map(windowWords.contains) ?? false), !isPriceMove(before: index) {
                    draft.assume("\"\(n)-\(word(j - 1) ?? "day")\" read as the \(bars)-day simple moving average")
                    return (.field(.sma(bars)), j - index)
                }
                return nil
            }
        }
        guard token.kind == .word else { return nil }
        switch token.text {
        case "rsi":
            // RSI(7), RSI 7 < 25: a number is the period when a comparison follows it.
            if let n = period(index + 1), word(index + 2) != "gte+", word(index + 2) != "lte+",
               isComparison(index + 2) || word(index + 2) == "oversold" || word(index + 2) == "overbought" {
                return (.field(.rsi(n)), 2)
            }
            draft.assume("RSI period 14 by default")
            return (.field(.rsi(14)), 1)
        case "sma", "ma", "ema":
            let exponential = token.text == "ema"
            if let n = period(index + 1) {
                return (.field(exponential ? .ema(n) : .sma(n)), 2)
            }
            if exponential {
                draft.assume("EMA period 20 by default")
                return (.field(.ema(20)), 1)
            }
            draft.assume("moving average period 50 by default (simple)")
            return (.field(.sma(50)), 1)
        case "macd":
            var params = (12, 26, 9)
            var j = index + 1
            if let f = period(j), let s = period(j + 1) ?? period(j + 2), let g = period(j + 2) ?? period(j + 3) ?? period(j + 4), f < s {
                params = (f, s, g)
                while j < tokens.count, tokens[j].isNumber || tokens[j].isSymbol(",") { j += 1 }
            } else {
                draft.assume("MACD 12/26/9 by default")
            }
            if word(j) == "hist" { return (.field(.macdHist(fast: params.0, slow: params.1, signal: params.2)), j - index + 1) }
            if word(j) == "signal" { return (.field(.macdSignal(fast: params.0, slow: params.1, signal: params.2)), j - index + 1) }
            return (.field(.macd(fast: params.0, slow: params.1, signal: params.2)), j - index)
        case "hist":
            draft.assume("MACD 12/26/9 by default")
            return (.field(.macdHist(fast: 12, slow: 26, signal: 9)), 1)
        case "signal":
            return (.signal, 1)
        case "upper", "lower", "middle", "bollinger":
            return band(at: index, draft: &draft)
        case "volume":
            if word(index + 1) == "avg" {
                draft.assume("volume average over 20 days by default")
                return (.field(.volumeSMA(20)), 2)
            }
            return (.field(.volume), 1)
        case "avg":
            if word(index + 1) == "volume" {
                draft.assume("volume average over 20 days by default")
                return (.field(.volumeSMA(20)), 2)
            }
            return (.average(nil), 1)
        case "price": return (.field(.close), 1)
        case "it": return (.pronoun, 1)
        case "pe": return (.field(.peRatio), 1)
        case "pb": return (.field(.pbRatio), 1)
        case "yield": return (.field(.dividendYield), 1)
        case "mcap": return (.field(.marketCap), 1)
        case "rating": return (.field(.analystRatingScore), 1)
        case "return":
            // "ROC(10)", "return over 20 days" name their window; a return with none is left unread.
            if let n = period(index + 1), word(index + 2) != "day" || isComparison(index + 3) {
                return (.field(.priceChangePct(n)), word(index + 2) == "day" ? 3 : 2)
            }
            return nil
        case "atr":
            if let n = period(index + 1) { return (.field(.atr(n)), 2) }
            draft.assume("ATR period 14 by default")
            return (.field(.atr(14)), 1)
        case "newhigh", "newlow", "high", "low":
            guard token.text.hasPrefix("new") || word(index - 1) == "new" else { return nil }
            draft.assume("new \(token.text.hasSuffix("high") ? "high" : "low") read as a 52-week (252-bar) one")
            return (.field(token.text.hasSuffix("high") ? .highN(252) : .lowN(252)), 1)
        default:
            return nil
        }
    }

    /// An RSI named later in the clause ("oversold on the 7-day RSI"), marked as used.
    mutating func laterRSI() -> Field? {
        var scratch = ParseDraft()
        for j in (i + 1)..<max(i + 1, tokens.count) where tokens[j].isNumber || tokens[j].isWord("rsi") {
            if let (operand, length) = operand(at: j, draft: &scratch), case .field(let field) = operand, case .rsi = field {
                used.formUnion(j..<j + length)
                return field
            }
        }
        return nil
    }

    /// Whether the number at `index` belongs to a price move ("down 10% in 5 days") rather than an average.
    func isPriceMove(before index: Int) -> Bool {
        var j = index - 1
        while j >= 0, tokens[j].isWord(in: ["in", "last", "gt"]) { j -= 1 }
        return j >= 0 && tokens[j].isNumber && tokens[j].unit == .percent
    }

    /// "lower Bollinger band", "the upper band", "Bollinger (20, 2) lower band", "2.5 standard deviation bands".
    mutating func band(at index: Int, draft: inout ParseDraft) -> (Operand, Int)? {
        var j = index
        var side: String?
        var sawBand = false
        var periodValue: Int?
        var k: Double?
        while j < tokens.count {
            let t = tokens[j]
            if t.isWord(in: ["upper", "lower", "middle"]) { if side != nil { break }; side = t.text }
            else if t.isWord("bollinger") || t.isWord("band") { sawBand = true }
            else if t.isSymbol(",") && periodValue != nil {}
            else if let n = period(j), periodValue == nil, t.unit == .plain, sawBand, word(j + 1) != "day" { periodValue = n }
            else if t.isNumber, periodValue != nil, k == nil, sawBand { k = t.value }
            else if t.isNumber, word(j + 1) == "stdev" { k = t.value; j += 1 }
            else { break }
            j += 1
        }
        guard sawBand, let side else { return nil }
        let n = periodValue ?? 20
        let width = k ?? 2
        if periodValue == nil || k == nil { draft.assume("Bollinger bands \(n) days, \(PlainNumber.text(width)) standard deviations by default") }
        let field: Field = switch side {
        case "upper": .bbUpper(period: n, k: width)
        case "lower": .bbLower(period: n, k: width)
        default: .bbMiddle(period: n, k: width)
        }
        return (.field(field), j - index)
    }

    /// A comparison starting at `index`, with the number of tokens it spans.
    func comparison(at index: Int) -> (Comparison, Int)? {
        guard index < tokens.count else { return nil }
        let token = tokens[index]
        if token.kind == .symbol {
            switch token.text {
            case ">": return (.op(.gt), 1)
            case "<": return (.op(.lt), 1)
            case ">=": return (.op(.gte), 1)
            case "<=": return (.op(.lte), 1)
            case "=": return (.op(.eq), 1)
            default: return nil
            }
        }
        guard token.kind == .word else { return nil }
        switch token.text {
        case "gt": return (.op(.gt), 1)
        case "lt": return (.op(.lt), 1)
        case "gte": return (.op(.gte), 1)
        case "lte", "upto", "lte+": return (.op(.lte), 1)
        case "gte+": return (.op(.gte), 1)
        case "eq": return (.op(.eq), 1)
        case "between": return (.op(.between), 1)
        case "xabove": return (.op(.crossesAbove), 1)
        case "xbelow": return (.op(.crossesBelow), 1)
        case "cross", "break":
            if word(index + 1) == "gt" { return (.op(.crossesAbove), 2) }
            if word(index + 1) == "lt" { return (.op(.crossesBelow), 2) }
            if word(index + 1) == "up" { return (.op(.crossesAbove), 2) }
            if word(index + 1) == "down" { return (.op(.crossesBelow), 2) }
            return (.crossAny, 1)
        case "hits", "at": return (.hits, 1)
        case "near": return (.near, 1)
        case "turnspositive": return (.turnsPositive, 1)
        case "turnsnegative": return (.turnsNegative, 1)
        case "positive": return (.positive, 1)
        case "negative": return (.negative, 1)
        case "up", "down":
            if let (next, length) = comparison(at: index + 1), case .op = next { return (next, length + 1) }
            return nil
        default: return nil
        }
    }

    /// A look-back window: "in the last 30 days", "over 5 days", "in a week", "30-day" → calendar days and bars.
    func window(at index: Int) -> (days: Int, bars: Int, length: Int)? {
        var j = index
        while j < tokens.count, tokens[j].isWord(in: ["in", "last", "gt", "of", "for", "with"]) { j += 1 }
        let reader = RiskReader(tokens: tokens, section: section)
        guard let d = reader.duration(at: j) else { return nil }
        return (d.days, d.bars, j - index + d.length)
    }
}
