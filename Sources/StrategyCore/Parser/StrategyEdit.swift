import Foundation

/// A strategy being edited by `StrategyTextParser.refine`, with the changes listed as they are made.
struct StrategyEdit {
    let original: TradingStrategy
    var strategy: TradingStrategy
    var changes: [String] = []
    var assumptions: [String] = []
    var unrecognized: [String] = []
    var question: String?
    /// The risk limit named last ("stop"), so a later bare value ("make it 12%") is read as its new value.
    var lastLimit: String?
    /// What the line asked for that was not there to change ("there was no max hold to remove").
    var notes: [String] = []

    init(strategy: TradingStrategy) {
        original = strategy
        self.strategy = strategy
    }

    static func text(_ value: Double?) -> String { value.map { "\(PlainNumber.text($0))%" } ?? "none" }
    static func days(_ value: Int?) -> String { value.map { "\($0) days" } ?? "none" }

    /// Applies stated risk values and a timeframe change; on a timeframe change a value still at the old
    /// timeframe's default moves to the new one, and a value set by hand is kept (both are listed).
    mutating func applyRisk(_ draft: ParseDraft) {
        var risk = strategy.riskParameters
        if let timeframe = draft.timeframe, timeframe != strategy.timeframe {
            let old = strategy.timeframe.defaultRisk
            let new = timeframe.defaultRisk
            changes.append("timeframe \(strategy.timeframe.rawValue) → \(timeframe.rawValue)")
            func move(_ label: String, _ value: Double?, _ oldDefault: Double, _ newDefault: Double) -> Double? {
                guard let value else { return nil }
                if value == oldDefault {
                    changes.append("\(label) \(Self.text(value)) → \(Self.text(newDefault)) (\(timeframe.rawValue) default)")
                    return newDefault
                }
                assumptions.append("kept \(label) \(Self.text(value)): it was set explicitly, not the \(strategy.timeframe.rawValue) default")
                return value
            }
            if case .unstated = draft.stop { risk.stopLossPct = move("stop loss", risk.stopLossPct, old.stopLossPct, new.stopLossPct) }
            if case .unstated = draft.target {
                risk.takeProfitPct = move("take profit", risk.takeProfitPct, old.takeProfitPct, new.takeProfitPct)
            }
            if case .unstated = draft.hold, let days = risk.maxHoldDays {
                if days == old.maxHoldDays {
                    changes.append("max hold \(days) days → \(new.maxHoldDays) days (\(timeframe.rawValue) default)")
                    risk.maxHoldDays = new.maxHoldDays
                } else {
                    assumptions.append("kept max hold \(days) days: it was set explicitly, not the \(strategy.timeframe.rawValue) default")
                }
            }
            strategy.timeframe = timeframe
        }
        switch draft.stop {
        case .value(let v): change("stop loss", Self.text(risk.stopLossPct), Self.text(v)); risk.stopLossPct = v
        case .none: change("stop loss", Self.text(risk.stopLossPct), "none"); risk.stopLossPct = nil
        case .unstated: break
        }
        switch draft.target {
        case .value(let v): change("take profit", Self.text(risk.takeProfitPct), Self.text(v)); risk.takeProfitPct = v
        case .none: change("take profit", Self.text(risk.takeProfitPct), "none"); risk.takeProfitPct = nil
        case .unstated: break
        }
        switch draft.hold {
        case .value(let v): change("max hold", Self.days(risk.maxHoldDays), Self.days(v)); risk.maxHoldDays = v
        case .none: change("max hold", Self.days(risk.maxHoldDays), "none"); risk.maxHoldDays = nil
        case .unstated: break
        }
        if let size = draft.size {
            change("position size", Self.text(risk.positionSizePct), Self.text(size))
            risk.positionSizePct = size
        }
        if let perTrade = draft.riskPerTrade {
            change("risk per trade", Self.text(risk.riskPerTradePct), Self.text(perTrade))
            risk.riskPerTradePct = perTrade
        }
        strategy.riskParameters = risk
        for q in draft.questions where question == nil { question = q }
    }

    mutating func change(_ label: String, _ from: String, _ to: String) {
        changes.append(from == to ? "\(label) stays \(to)" : "\(label) \(from) → \(to)")
    }

    /// Adds the conditions a sentence describes (entry unless it says sell/exit).
    mutating func add(text: String, parser: StrategyTextParser) {
        // "sell when it crosses back below": "it" and an elided right-hand side refer to the rule named last;
        // a line with no number of its own can only mean a rule compared with another field.
        var start = ParseDraft()
        let hasNumber = TextLexer.lex(text).contains(where: \.isNumber)
        let comparedWithField = strategy.entryConditions.last { if case .field = $0.value { true } else { false } }
        if let focus = hasNumber ? strategy.entryConditions.last : comparedWithField ?? strategy.entryConditions.last {
            start.lastSubject = Field(name: focus.field)
            start.lastObject = focus.value
        }
        let draft = parser.read(text, into: start)
        unrecognized += draft.unrecognized.filter { !StrategyTextParser.editWordsRaw.contains($0.lowercased()) }
        assumptions += draft.assumptions
        applyRisk(draft)
        if draft.entry.isEmpty, draft.exit.isEmpty {
            if changes.isEmpty {
                question = draft.questions.first ?? "What should change? For example \"tighten the stop to 6%\", \"add a condition that volume is above 1M\" or \"drop the RSI rule\"."
            }
            return
        }
        if let q = draft.questions.first { question = q }
        for item in draft.entry where !strategy.entryConditions.contains(item.condition) {
            strategy.entryConditions.append(item.condition)
            changes.append("added entry condition \(item.condition.plainText)")
        }
        for item in draft.exit where !strategy.exitConditions.contains(item.condition) {
            strategy.exitConditions.append(item.condition)
            changes.append("added exit condition \(item.condition.plainText)")
        }
    }

    /// Field families a person names when dropping a rule.
    static func family(of word: String) -> ((Field) -> Bool)? {
        switch word {
        case "rsi": return { if case .rsi = $0 { return true }; return false }
        case "macd", "hist", "signal": return { switch $0 { case .macd, .macdSignal, .macdHist: true; default: false } }
        case "bollinger", "band": return { switch $0 { case .bbUpper, .bbMiddle, .bbLower: true; default: false } }
        case "volume": return { switch $0 { case .volume, .volumeSMA: true; default: false } }
        case "sma", "ma", "avg": return { switch $0 { case .sma, .ema: true; default: false } }
        case "ema": return { if case .ema = $0 { return true }; return false }
        case "insider": return { $0.family == .insider }
        case "csuite": return { if case .insiderCSuiteBuyCount = $0 { return true }; return false }
        case "reddit", "mentions", "sentiment", "rank", "trending": return { $0.family == .reddit }
        case "pe": return { $0 == .peRatio }
        case "pb": return { $0 == .pbRatio }
        case "yield": return { $0 == .dividendYield }
        case "mcap", "smallcap", "largecap": return { $0 == .marketCap }
        case "analyst", "upgrade", "rating": return { $0.family == .analyst }
        case "high", "newhigh": return { if case .highN = $0 { return true }; return false }
        case "low", "newlow": return { if case .lowN = $0 { return true }; return false }
        case "down", "up", "return": return { if case .priceChangePct = $0 { return true }; return false }
        case "goldencross", "deathcross": return { $0 == .sma(50) || $0 == .sma(200) }
        default: return nil
        }
    }

    /// Removes the rules of the named family ("drop the RSI rule", "the volume one", "the 200 day filter"), or
    /// risk limits ("remove the stop", "drop the take profit and the max hold").
    mutating func drop(_ written: [TextToken]) {
        // The verb itself ("drop" reads as a price move) is not the rule being named.
        let tokens = written.filter { !StrategyTextParser.dropVerbs.contains($0.original.lowercased()) }
        let riskWords: [String: WritableKeyPath<RiskParameters, Double?>] = ["stop": \.stopLossPct, "target": \.takeProfitPct]
        var droppedRisk = false
        for token in tokens {
            if let path = riskWords[token.text], strategy.riskParameters[keyPath: path] != nil {
                change(token.text == "stop" ? "stop loss" : "take profit", Self.text(strategy.riskParameters[keyPath: path]), "none")
                strategy.riskParameters[keyPath: path] = nil
                droppedRisk = true
            }
            if token.text == "hold" || token.text == "max", strategy.riskParameters.maxHoldDays != nil {
                change("max hold", Self.days(strategy.riskParameters.maxHoldDays), "none")
                strategy.riskParameters.maxHoldDays = nil
                droppedRisk = true
            }
        }
        if droppedRisk { return }
        let absent = Self.absentLimits(named: tokens, in: strategy.riskParameters)
        if !absent.isEmpty {
            // "remove the max hold" on a strategy without one: say so, rather than ask which rule should go.
            notes += absent.map { "there was no \($0) to remove: the strategy has none" }
            return
        }
        let onlyExit = tokens.contains { $0.isWord("sell") } && !tokens.contains { $0.isWord("buy") || $0.isWord("entry") }
        let onlyEntry = tokens.contains { $0.isWord("buy") || $0.isWord("entry") } && !onlyExit
        var matchers: [(Field) -> Bool] = []
        for token in tokens {
            if token.text.hasPrefix("field:"), let field = Field(name: String(token.text.dropFirst(6))) {
                matchers.append { $0 == field }
            } else if let matcher = Self.family(of: token.text) {
                matchers.append(matcher)
            } else if token.isNumber, token.value == token.value.rounded(), token.value >= 2 {
                // "the 200 day filter": the average with that period.
                let period = Int(token.value)
                matchers.append { $0 == .sma(period) || $0 == .ema(period) || $0 == .volumeSMA(period) }
            }
        }
        if matchers.isEmpty, onlyExit, !strategy.exitConditions.isEmpty {
            for condition in strategy.exitConditions { changes.append("removed exit condition \(condition.plainText)") }
            strategy.exitConditions = []
            return
        }
        guard !matchers.isEmpty else {
            question = "Which rule should go? The strategy has: \((strategy.entryConditions + strategy.exitConditions).map(\.plainText).joined(separator: "; "))."
            return
        }
        func matches(_ condition: Condition) -> Bool {
            condition.fieldsUsed.contains { name in Field(name: name).map { field in matchers.contains { $0(field) } } ?? false }
        }
        if !onlyExit {
            for condition in strategy.entryConditions where matches(condition) { changes.append("removed entry condition \(condition.plainText)") }
            strategy.entryConditions.removeAll(where: matches)
        }
        if !onlyEntry {
            for condition in strategy.exitConditions where matches(condition) { changes.append("removed exit condition \(condition.plainText)") }
            strategy.exitConditions.removeAll(where: matches)
        }
        if changes.isEmpty {
            question = "The strategy has no such rule. Its rules are: \((original.entryConditions + original.exitConditions).map(\.plainText).joined(separator: "; "))."
        }
    }

    /// The risk limits the words name that the strategy does not have ("max hold" when it holds without a limit).
    static func absentLimits(named tokens: [TextToken], in risk: RiskParameters) -> [String] {
        var labels: [String] = []
        for token in tokens {
            let label: String? = switch token.text {
            case "stop" where risk.stopLossPct == nil: "stop loss"
            case "target" where risk.takeProfitPct == nil: "take profit"
            case "hold", "max" where risk.maxHoldDays == nil: "max hold"
            default: nil
            }
            if let label, !labels.contains(label) { labels.append(label) }
        }
        return labels
    }

    /// "change the RSI threshold to 25": a new number for the one rule of the named family that compares with a number.
    /// Returns false when the sentence names no family or number; sets a question when the rule is ambiguous.
    mutating func setThreshold(_ tokens: [TextToken]) -> Bool {
        guard let value = tokens.last(where: \.isNumber)?.value else { return false }
        let matchers = tokens.compactMap { Self.family(of: $0.text) }
        guard !matchers.isEmpty else { return false }
        let wantsExit = tokens.contains { $0.isWord("sell") }
        let wantsEntry = tokens.contains { $0.isWord("buy") || $0.isWord("entry") }
        var places: [(exit: Bool, index: Int)] = []
        for (isExit, list) in [(false, strategy.entryConditions), (true, strategy.exitConditions)] {
            if isExit ? wantsEntry && !wantsExit : wantsExit && !wantsEntry { continue }
            for (index, condition) in list.enumerated() {
                guard case .number = condition.value, let field = Field(name: condition.field),
                      matchers.contains(where: { $0(field) }) else { continue }
                places.append((isExit, index))
            }
        }
        guard places.count == 1, let place = places.first else {
            if places.count > 1 {
                question = "Which one: the entry or the exit rule? For example \"set the entry RSI threshold to \(PlainNumber.text(value))\"."
                return true
            }
            return false
        }
        var condition = place.exit ? strategy.exitConditions[place.index] : strategy.entryConditions[place.index]
        let before = condition
        condition.value = .number(value)
        if place.exit { strategy.exitConditions[place.index] = condition } else { strategy.entryConditions[place.index] = condition }
        changes.append("\(place.exit ? "exit" : "entry") \(before.plainText) → \(condition.plainText)")
        return true
    }

    /// Sets the threshold of the rule compared with a number that was added last (the entry rules' last, else the
    /// exit rules'): the rule a bare "make it 2M" refers back to.
    mutating func setNewestThreshold(_ value: Double) -> Bool {
        for isExit in [false, true] {
            var list = isExit ? strategy.exitConditions : strategy.entryConditions
            guard let index = list.lastIndex(where: { if case .number = $0.value { true } else { false } }) else { continue }
            let before = list[index]
            list[index].value = .number(value)
            if isExit { strategy.exitConditions = list } else { strategy.entryConditions = list }
            changes.append("\(isExit ? "exit" : "entry") \(before.plainText) → \(list[index].plainText)")
            return true
        }
        return false
    }

    /// "use the 20-day average instead of the 50": swaps a period (or a threshold) for another.
    /// "swap the 50 for the 20" and "change 30 to 25" name the old value first (`oldFirst`); "use 20 instead of 50" names it last.
    mutating func replacePeriods(_ tokens: [TextToken], oldFirst: Bool, only section: StrategySection? = nil) -> Bool {
        let numbers = tokens.filter(\.isNumber).map(\.value)
        guard let newValue = numbers.first else { return false }
        let (old, new) = oldFirst && numbers.count >= 2 ? (Optional(numbers[0]), numbers[1]) : (numbers.dropFirst().first, newValue)
        let wantsEMA = tokens.contains { $0.isWord("ema") }
        let wantsSMA = tokens.contains { $0.isWord("sma") }
        func replaced(_ name: String) -> String? {
            guard let field = Field(name: name), new == new.rounded(), new >= 1, new <= Double(Field.maxParameter) else { return nil }
            let n = Int(new)
            func fits(_ period: Int) -> Bool { old.map { Double(period) == $0 } ?? true }
            switch field {
            case .sma(let p) where fits(p): return (wantsEMA ? Field.ema(n) : .sma(n)).name
            case .ema(let p) where fits(p): return (wantsSMA ? Field.sma(n) : .ema(n)).name
            case .volumeSMA(let p) where fits(p): return Field.volumeSMA(n).name
            case .rsi(let p) where old != nil && fits(p): return Field.rsi(n).name
            case .highN(let p) where old != nil && fits(p): return Field.highN(n).name
            case .lowN(let p) where old != nil && fits(p): return Field.lowN(n).name
            default: return nil
            }
        }
        var changed = false
        func edit(_ list: inout [Condition], _ label: String) {
            for index in list.indices {
                let before = list[index]
                var after = before
                if let name = replaced(after.field) { after.field = name }
                if case .field(var reference) = after.value, let name = replaced(reference.field) {
                    reference.field = name
                    after.value = .field(reference)
                }
                if after == before, let old, case .number(let v) = after.value, v == old {
                    after.value = .number(new)
                }
                if after != before {
                    list[index] = after
                    changes.append("\(label) \(before.plainText) → \(after.plainText)")
                    changed = true
                }
            }
        }
        if section != .exit { edit(&strategy.entryConditions, "entry") }
        if section != .entry { edit(&strategy.exitConditions, "exit") }
        return changed
    }

    func result(parser: StrategyTextParser) -> RefineResult {
        var updated = strategy
        updated.dataRequirements = FieldRegistry.dataRequirements(for: updated)
        updated.description = updated.rulesInWords
        var question = question
        var assumptions = assumptions
        if let unanswered = question, !changes.isEmpty {
            // What was understood is applied; what was not is said, not guessed.
            assumptions.append("not changed: \(unanswered)")
            question = nil
        }
        if question == nil, changes.isEmpty, !notes.isEmpty {
            question = notes.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: "; ") + "."
        }
        assumptions += notes.filter { _ in !changes.isEmpty }
        if question == nil, changes.isEmpty {
            question = "What should change? For example \"tighten the stop to 6%\", \"add a condition that volume is above 1M\" or \"drop the RSI rule\"."
        }
        if question == nil, let problem = StrategyValidator.validate(updated).first {
            question = "After that change the strategy can't be tested: \(problem.message). \(problem.fix)?"
        }
        return RefineResult(strategy: changes.isEmpty ? nil : updated, changes: changes, assumptions: assumptions,
                            unrecognized: unrecognized, question: question)
    }
}
