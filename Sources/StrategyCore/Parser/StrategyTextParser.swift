import Foundation

/// Turns a trader's plain description ("buy when insiders are buying and RSI is oversold") or the precise form
/// (`entry: rsi_14 < 30; exit: rsi_14 > 70 or stop 8%`) into a `TradingStrategy`.
///
/// Deterministic and pure: a tokenizer, a vocabulary of phrases and a small grammar, no model. It never guesses
/// silently (every default is listed in `assumptions`), asks when an idea cannot be tested as written, and only
/// returns a strategy without a question when `StrategyValidator` finds nothing wrong with it.
package struct StrategyTextParser: Sendable {
    package init() {}

    package func parse(_ text: String) -> ParseResult {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            return ParseResult(strategy: nil, question: "What should the strategy do? For example \"buy when RSI is below 30, sell when it is above 70\".")
        }
        switch StrategyDSL.parse(trimmed) {
        case .strategy(let draft):
            return assemble(draft, text: trimmed)
        case .failure(let error):
            return ParseResult(strategy: nil, question: error.errorDescription, error: error)
        case .notDSL:
            break
        }
        var draft = read(trimmed)
        if draft.entry.isEmpty, draft.questions.isEmpty {
            draft.ask("What should trigger a buy? For example \"RSI below 30\", \"price above the 200-day moving average\" or \"insiders buying\".")
        }
        return assemble(draft, text: trimmed)
    }

    /// Reads the English text into a draft: clauses, then risk phrases, then conditions.
    func read(_ written: String, into start: ParseDraft = ParseDraft()) -> ParseDraft {
        var draft = start
        var text = written
        // A quoted name: called "Insider dip", named 'RSI bounce'.
        if let range = text.range(of: #"(?i)\b(called|named|name(\s+it)?|call\s+it)\s*[:=]?\s*["“'‘]([^"”'’]+)["”'’]"#, options: .regularExpression) {
            let match = String(text[range])
            if let open = match.firstIndex(where: { "\"“'‘".contains($0) }) {
                draft.name = String(match[match.index(after: open)...].dropLast()).trimmingCharacters(in: .whitespaces)
            }
            text.replaceSubrange(range, with: " ")
        }
        let markup = Self.withoutMarkup(text)
        text = markup.text
        draft.unrecognized += markup.tags
        let normalized = TextNormalizer.normalize(TextLexer.lex(text))
        for correction in normalized.corrections { draft.assume(correction) }
        let clauses = ClauseSplitter.split(normalized.tokens)
        for (index, clause) in clauses.enumerated() {
            let section = clause.section ?? .entry
            if clause.short { draft.wantsShort = true }
            let rest = RiskReader.read(clause.tokens, section: section, into: &draft)
            guard !rest.isEmpty else { continue }
            var reader = ConditionReader(tokens: rest, section: section, join: clause.join, clause: index)
            if clause.isTitle {
                // "Reddit momentum: buy when …": a heading that holds no rule names the strategy.
                var trial = draft
                if !reader.read(into: &trial) {
                    draft.name = rest.map(\.original).joined(separator: " ")
                    continue
                }
                draft = trial
                continue
            }
            let before = draft.questions.count
            let countBefore = draft.entry.count + draft.exit.count
            let read = reader.read(into: &draft)
            if read, clause.grouped, draft.entry.count + draft.exit.count > countBefore + 1 {
                draft.ask("Rules grouped in brackets can't be expressed yet: each side has one logic (all AND or all OR). Which should it be?")
            }
            if let leftover = reader.leftover, draft.questions.count == before {
                draft.ask("I couldn't use all of \"\(leftover)\": which field and threshold do you mean? Rules can't yet require a condition over several days in a row or \"near\" a level without a percent.")
            } else if !read, draft.questions.count == before, Self.needsQuestion(rest) {
                draft.ask("I couldn't turn \"\(reader.text)\" into a rule: which field and threshold do you mean? Fields cover prices, moving averages, RSI, MACD, Bollinger bands, volume, price change, insider trades, Reddit, fundamentals and analyst upgrades.")
            } else if !read {
                for token in rest where token.isNumber && !draft.unrecognized.contains(token.original) { draft.unrecognized.append(token.original) }
            }
        }
        return draft
    }

    /// Whether leftover words carried meaning the grammar missed (unknown words, or an indicator or comparison
    /// with no rule). Numbers alone ("my 1st try", "take 2") are no rule and no question: they are reported as
    /// words not placed.
    static func needsQuestion(_ tokens: [TextToken]) -> Bool {
        let indicators: Set<String> = ["rsi", "sma", "ema", "ma", "macd", "hist", "bollinger", "band", "volume", "pe", "pb",
                                       "yield", "mcap", "atr", "rating", "high", "low", "return"]
        return tokens.contains {
            !$0.known || $0.isWord(in: indicators) || $0.text.hasPrefix("field:")
                || $0.isWord(in: ["gt", "lt", "gte", "lte", "eq", "xabove", "xbelow", "cross", "between"])
        }
    }

    /// Markup tags ("<b>", "</script>") taken out of the text: they are never part of a rule.
    static func withoutMarkup(_ text: String) -> (text: String, tags: [String]) {
        guard let regex = try? NSRegularExpression(pattern: #"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"#) else { return (text, []) }
        let range = NSRange(text.startIndex..., in: text)
        let tags = regex.matches(in: text, range: range).compactMap { Range($0.range, in: text).map { String(text[$0]) } }
        return (regex.stringByReplacingMatches(in: text, range: range, withTemplate: " "), tags)
    }

    /// Builds the strategy from a draft: logic from the connectors, risk defaults stated, validation last.
    func assemble(_ input: ParseDraft, text: String) -> ParseResult {
        var draft = input
        let entryLogic = logic(of: draft.entry, default: .and, side: "buy", draft: &draft)
        let exitLogic = logic(of: draft.exit, default: .or, side: "sell", draft: &draft)
        let timeframe: Timeframe
        if let named = draft.timeframe {
            timeframe = named
        } else {
            timeframe = .fallback
            draft.assume("timeframe \(Timeframe.fallback.rawValue) (none named)")
        }
        let risk = riskParameters(draft, timeframe: timeframe, hasExitRule: !draft.exit.isEmpty, assumptions: &draft.assumptions)
        var strategy = TradingStrategy(
            name: draft.name ?? Self.name(for: draft.entry.map(\.condition)),
            naturalLanguageInput: text, timeframe: timeframe,
            entryConditions: draft.entry.map(\.condition), entryLogic: entryLogic,
            exitConditions: draft.exit.map(\.condition), exitLogic: exitLogic, riskParameters: risk)
        if draft.wantsShort {
            let mirrored = ShortMirror.longVersion(of: strategy)
            let described = mirrored.map { $0.entryConditions.map(\.plainText).joined(separator: " \($0.entryLogic.rawValue) ") }
            draft.questions.insert("Strategies are long-only: shorting isn't supported yet. "
                + (described.map { "The nearest long strategy buys when \($0). Use that instead?" }
                    ?? "Which long entry should stand in for it (what should make the stock a buy)?"), at: 0)
            strategy = mirrored ?? strategy
            if mirrored == nil { return finish(strategy: nil, draft: draft) }
        }
        strategy.dataRequirements = FieldRegistry.dataRequirements(for: strategy)
        strategy.description = strategy.rulesInWords
        if draft.entry.isEmpty && !draft.wantsShort { return finish(strategy: nil, draft: draft) }
        let problems = StrategyValidator.validate(strategy)
        if let problem = problems.first, draft.questions.isEmpty {
            draft.ask("The strategy can't be tested as read: \(problem.message). How should it change (\(problem.fix))?")
        }
        return finish(strategy: strategy, draft: draft)
    }

    private func finish(strategy: TradingStrategy?, draft: ParseDraft) -> ParseResult {
        var result = ParseResult(strategy: strategy, assumptions: draft.assumptions, unrecognized: draft.unrecognized,
                                 question: draft.questions.isEmpty ? nil : draft.questions.joined(separator: " "))
        result.offersLongVersion = draft.wantsShort && strategy != nil
        return result
    }

    /// AND or OR from the words between conditions; asks when both appear, since the grouping is unknown.
    private func logic(of items: [ParseDraft.Entry], default fallback: Logic, side: String, draft: inout ParseDraft) -> Logic {
        var sawAnd = false, sawOr = false
        for index in items.indices.dropFirst() {
            if items[index].clause == items[index - 1].clause { sawAnd = true; continue }
            switch items[index].join {
            case .and: sawAnd = true
            case .or: sawOr = true
            case .neutral, .sentence: break
            }
        }
        if sawAnd && sawOr {
            draft.ask("The \(side) rules mix \"and\" with \"or\". Should all of them hold, or any one?")
        }
        if sawOr { return .or }
        if sawAnd { return .and }
        return fallback
    }

    /// Risk as written, each default stated. Defaults fill in what was left open: a stop always, a target
    /// and a holding limit only when the strategy has no exit rule of its own.
    private func riskParameters(_ draft: ParseDraft, timeframe: Timeframe, hasExitRule: Bool,
                                assumptions: inout [String]) -> RiskParameters {
        let defaults = timeframe.defaultRisk
        var risk = RiskParameters()
        func pick<T>(_ stated: Stated<T>, _ fallback: T?, _ text: (T) -> String) -> T? {
            switch stated {
            case .value(let value): return value
            case .none: return nil
            case .unstated:
                guard let fallback else { return nil }
                assumptions.append("\(text(fallback)) (\(timeframe.rawValue) default)")
                return fallback
            }
        }
        risk.stopLossPct = pick(draft.stop, defaults.stopLossPct) { "stop loss \(PlainNumber.text($0))%" }
        risk.takeProfitPct = pick(draft.target, hasExitRule ? nil : defaults.takeProfitPct) { "take profit \(PlainNumber.text($0))%" }
        risk.maxHoldDays = pick(draft.hold, hasExitRule ? nil : defaults.maxHoldDays) { "max hold \($0) days" }
        if let size = draft.size {
            risk.positionSizePct = size
        } else {
            assumptions.append("position size \(PlainNumber.text(RiskParameters.defaultPositionSizePct))% (default)")
        }
        risk.riskPerTradePct = draft.riskPerTrade
        return risk
    }

    /// A short name from the entry's fields ("RSI(14) + insider buys (30d)").
    static func name(for conditions: [Condition]) -> String {
        var seen: [String] = []
        for condition in conditions {
            let name = FieldRegistry.spec(named: condition.field)?.displayName ?? condition.field
            if !seen.contains(name) { seen.append(name) }
        }
        if conditions.count == 1, let only = conditions.first, case .field = only.value { return only.plainText }
        return seen.isEmpty ? "Untitled strategy" : seen.prefix(3).joined(separator: " + ")
    }
}
