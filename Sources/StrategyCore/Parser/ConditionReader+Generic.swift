import Foundation

extension ConditionReader {
    /// One comparison being assembled from the words of a clause.
    struct Frame {
        var subject: Operand?
        var comparison: Comparison?
        var object: Operand?
        var values: [TextToken] = []
        var multiplier: Double?
        /// "bullish"/"bearish" written before the subject: the direction of a crossover that follows.
        var bias: Comparison?

        var isEmpty: Bool { subject == nil && comparison == nil && object == nil && values.isEmpty && multiplier == nil }

        /// Whether a word of the frame names what is compared: a field or average on either side.
        var namesField: Bool {
            switch (subject, object) {
            case (.field?, _), (.average?, _), (.signal?, _), (_, .field?), (_, .average?): true
            default: false
            }
        }

        /// Only numbers: no field, comparison, multiplier or idiom.
        var isStrayNumbers: Bool {
            !values.isEmpty && subject == nil && object == nil && comparison == nil && multiplier == nil && bias == nil
        }
    }

    /// Indicators, prices and fundamentals: subject, comparison and value in any order, plus the idioms.
    mutating func readGeneric(into draft: inout ParseDraft) {
        var frame = Frame()
        i = 0
        while i < tokens.count {
            let start = i
            if readIdiom(frame: &frame, into: &draft) {
                for index in start..<max(i, start + 1) { used.insert(index) }
                continue
            }
            let token = tokens[i]
            let chain = chainFrom
            chainFrom = nil
            if let (operand, length) = operand(at: i, draft: &draft) {
                place(operand, in: &frame, draft: &draft)
                i += length
            } else if let (comparison, length) = comparison(at: i) {
                // A chain: "price > SMA(20) > SMA(50)" also says SMA(20) > SMA(50).
                if frame.isEmpty, let chain { frame.subject = chain }
                if frame.comparison != nil, frame.object != nil || !frame.values.isEmpty { flush(&frame, draft: &draft) }
                if frame.subject == nil, frame.comparison == nil, comparison == .positive || comparison == .negative {
                    frame.bias = comparison
                } else if case .crossAny = comparison, let old = frame.comparison ?? frame.bias, old == .positive || old == .negative {
                    frame.comparison = .op(old == .positive ? .crossesAbove : .crossesBelow)
                } else if frame.comparison == nil || comparison != .hits {
                    frame.comparison = comparison
                }
                i += length
            } else if token.isNumber {
                if token.unit == .percent, word(i - 1) == "in", word(i + 1) == "of", frame.comparison == nil {
                    // "within 5% of the 52-week high": at least 95% of it.
                    frame.multiplier = 1 - token.value / 100
                    frame.comparison = .op(.gte)
                    i += 2
                } else if word(i + 1) == "times" {
                    frame.multiplier = token.value
                    i += 2
                } else if token.unit == .percent, let next = comparison(at: i + 1), case .op(let op) = next.0,
                          op == .gt || op == .lt, frame.comparison == nil {
                    // "10% above its 50-day average": a scaled reference.
                    frame.multiplier = 1 + (op == .gt ? token.value : -token.value) / 100
                    frame.comparison = next.0
                    i += 1 + next.1
                } else {
                    frame.values.append(token)
                    // "rsi 70+": a value with a plus means at least it.
                    if token.plus, frame.comparison == nil { frame.comparison = .op(.gte) }
                    i += 1
                }
            } else if token.isWord("times2") || token.isWord("times3") {
                frame.multiplier = token.isWord("times2") ? 2 : 3
                i += 1
            } else {
                i += 1
                continue
            }
            for index in start..<i { used.insert(index) }
            if isComplete(frame) { flush(&frame, draft: &draft) }
        }
        finish(&frame, draft: &draft)
    }

    func isComplete(_ frame: Frame) -> Bool {
        guard let comparison = frame.comparison else { return false }
        switch comparison {
        case .op(.between): return frame.values.count >= 2
        case .turnsPositive, .turnsNegative: return frame.subject != nil
        case .positive, .negative: return frame.subject != nil && frame.object == nil
        default: return frame.object != nil || !frame.values.isEmpty
        }
    }

    mutating func place(_ operand: Operand, in frame: inout Frame, draft: inout ParseDraft) {
        if frame.subject == nil, frame.comparison == nil, frame.multiplier == nil {
            frame.subject = operand
        } else if frame.object == nil, frame.comparison != nil || frame.multiplier != nil {
            frame.object = operand
        } else if frame.subject == nil {
            frame.subject = operand
        } else {
            // A new subject: whatever came before is finished (or was a lone mention).
            if case .field(let field)? = frame.subject, case .highN = field { flush(&frame, draft: &draft) }
            else if case .field(let field)? = frame.subject, case .lowN = field { flush(&frame, draft: &draft) }
            frame = Frame(subject: operand)
        }
        if isComplete(frame) { flush(&frame, draft: &draft) }
    }

    /// Idioms that stand alone: crosses with names, oversold, cap sizes, price moves, volume spikes.
    mutating func readIdiom(frame: inout Frame, into draft: inout ParseDraft) -> Bool {
        guard let w = word(i) else { return readPriceMove(frame: &frame, into: &draft) }
        switch w {
        case "goldencross", "deathcross":
            emit(Condition(field: "sma_50", operator: w == "goldencross" ? .crossesAbove : .crossesBelow,
                           value: .field(FieldReference(field: "sma_200"))), into: &draft)
            frame = Frame()
            i += 1
            return true
        case "oppositecross":
            let crossings = draft.entry.map(\.condition).filter { $0.operator == .crossesAbove || $0.operator == .crossesBelow }
            guard !crossings.isEmpty else { return false }
            for var condition in crossings {
                condition.operator = condition.operator == .crossesAbove ? .crossesBelow : .crossesAbove
                emit(condition, into: &draft)
            }
            i += 1
            return true
        case "oversold", "overbought":
            // "not overbought" is RSI at or below 70, "not oversold" at or above 30.
            let negated = word(i - 1) == "no"
            if negated { used.insert(i - 1) }
            var field = Field.rsi(14)
            if case .field(let subject)? = frame.subject, case .rsi = subject { field = subject }
            else if let later = laterRSI() { field = later }
            else {
                draft.assume("\(w) read as RSI(14) \(w == "oversold" ? "< 30" : "> 70")")
            }
            let op: ConditionOperator = w == "oversold" ? (negated ? .gte : .lt) : (negated ? .lte : .gt)
            emit(Condition(field: field.name, operator: op, value: .number(w == "oversold" ? 30 : 70)), into: &draft)
            frame = Frame()
            i += 1
            return true
        case "ratingbuy", "ratingstrongbuy":
            let floor = w == "ratingbuy" ? 4.0 : 4.5
            draft.assume("\"\(tokens[i].original)\" read as a consensus rating of \(PlainNumber.text(floor)) or more (1 strong sell … 5 strong buy)")
            emit(Condition(field: "analyst_rating_score", operator: .gte, value: .number(floor)), into: &draft)
            frame = Frame()
            i += 1
            return true
        case "smallcap", "largecap", "midcap", "megacap":
            let condition: Condition = switch w {
            case "smallcap": Condition(field: "market_cap", operator: .lt, value: .number(2e9))
            case "largecap": Condition(field: "market_cap", operator: .gt, value: .number(1e10))
            case "megacap": Condition(field: "market_cap", operator: .gt, value: .number(2e11))
            default: Condition(field: "market_cap", operator: .between, value: .numbers([2e9, 1e10]))
            }
            draft.assume("\(tokens[i].original) read as \(condition.plainText)")
            emit(condition, into: &draft)
            frame = Frame()
            i += 1
            return true
        case "spiking":
            guard case .field(.volume)? = frame.subject ?? (has(["volume"]) ? .field(.volume) : nil) else { return false }
            draft.assume("a volume spike read as volume above 2 × its 20-day average")
            emit(Condition(field: "volume", operator: .gt, value: .field(FieldReference(field: "volume_sma_20", multiplier: 2))), into: &draft)
            frame = Frame()
            i += 1
            return true
        default:
            return readPriceMove(frame: &frame, into: &draft)
        }
    }

    /// "down 10% in 5 days", "a 10% drop over a week", "up more than 20% in a month".
    mutating func readPriceMove(frame: inout Frame, into draft: inout ParseDraft) -> Bool {
        var j = i
        var op: ConditionOperator?
        var direction: String?
        var amount: Double?
        func takeOp() {
            if let w = word(j), ["gt", "gte", "lt", "lte"].contains(w) {
                op = ["gt": .gt, "gte": .gte, "lt": .lt, "lte": .lte][w]
                j += 1
            }
        }
        if let w = word(j), ["up", "down", "gain"].contains(w) {
            direction = w
            j += 1
            if word(j) == "of" { j += 1 }
            takeOp()
            guard let n = number(j), n.unit == .percent else { return false }
            amount = abs(n.value)
            j += 1
            if word(j) == "gte+" { op = .gte; j += 1 } else if word(j) == "lte+" { op = .lte; j += 1 }
        } else {
            takeOp()
            guard let n = number(j), n.unit == .percent, let w = word(j + 1), ["up", "down", "gain"].contains(w) else { return false }
            amount = abs(n.value)
            direction = w
            j += 2
        }
        guard let direction, let amount else { return false }
        let down = direction == "down"
        // "down 20% from its 52-week high": a scaled reference, not a move over days.
        if word(j) == "from", word(j + 1) == "high" || word(j + 1) == "low" {
            // "down 20% from its high": the 52-week one unless a length is named.
            draft.assume("\"its \(word(j + 1) ?? "")\" read as the 52-week (252-bar) \(word(j + 1) ?? "")")
            let reference: Field = word(j + 1) == "high" ? .highN(252) : .lowN(252)
            let scale = down ? 1 - amount / 100 : 1 + amount / 100
            emit(Condition(field: "close", operator: down ? .lte : .gte,
                           value: .field(FieldReference(field: reference.name, multiplier: scale))), into: &draft)
            frame = Frame()
            i = j + 2
            return true
        }
        if word(j) == "from", let (operand, length) = operand(at: j + 1, draft: &draft), case .field(let reference) = operand {
            let scale = down ? 1 - amount / 100 : 1 + amount / 100
            let written = op ?? .gte
            // "down 20% from the high" and "down at least 20%" both mean at or below 0.8 × the reference.
            let condition: ConditionOperator = down ? (written == .lt || written == .lte ? .gt : .lte) : (written == .lt || written == .lte ? .lt : .gte)
            emit(Condition(field: "close", operator: condition, value: .field(FieldReference(field: reference.name, multiplier: scale))), into: &draft)
            frame = Frame()
            i = j + 1 + length
            return true
        }
        // The window may come first: "a 3-day pullback of 5%".
        let leading = i >= 2 ? RiskReader(tokens: tokens, section: section).duration(at: i - 2) : nil
        guard let window = window(at: j) ?? leading.map({ ($0.days, $0.bars, 0) }) else {
            draft.ask("Over how many days should the \(PlainNumber.text(amount))% move count (for example \"\(down ? "down" : "up") \(PlainNumber.text(amount))% in 5 days\")?")
            i = j
            return true
        }
        j += window.length
        if window.bars != window.days {
            draft.assume("\(window.days) calendar days of price change read as \(window.bars) trading days")
        }
        if leading != nil, window.length == 0 { used.formUnion(i - 2..<i) }
        let value = down ? -amount : amount
        let written = op ?? .gt
        let condition: ConditionOperator = if down {
            switch written { case .gte: .lte; case .lt: .gt; case .lte: .gte; default: .lt }
        } else {
            written
        }
        emit(Condition(field: Field.priceChangePct(window.bars).name, operator: condition, value: .number(value)), into: &draft)
        frame = Frame()
        i = j
        return true
    }
}
