import Foundation

extension ConditionReader {
    /// A number in a family phrase with the comparison written before or after it ("more than 3", "3+", "3 or more").
    struct Amount {
        var value: Double
        var op: ConditionOperator?
        var token: TextToken
    }

    /// Numbers of the clause that are not windows, each with its comparison.
    mutating func amounts() -> [Amount] {
        var result: [Amount] = []
        var pending: ConditionOperator?
        var j = 0
        while j < tokens.count {
            if let (comparison, length) = comparison(at: j), case .op(let op) = comparison, word(j) != "gte+", word(j) != "lte+" {
                pending = op
                used.formUnion(j..<j + length)
                j += length
                continue
            }
            if let window = window(at: j) {
                // A window ("in the last 30 days"), not an amount.
                used.formUnion(j..<j + window.length)
                j += window.length
                continue
            }
            if let token = number(j) {
                var op = pending
                if token.plus { op = .gte }
                if word(j + 1) == "gte+" { op = .gte; used.insert(j + 1) }
                if word(j + 1) == "lte+" { op = .lte; used.insert(j + 1) }
                result.append(Amount(value: token.value, op: op, token: token))
                pending = nil
                used.insert(j)
            }
            j += 1
        }
        return result
    }

    /// The clause's window in calendar days, or nil.
    mutating func windowDays() -> Int? {
        for j in tokens.indices {
            if let window = window(at: j) {
                used.formUnion(j..<j + window.length)
                return window.days
            }
        }
        return nil
    }

    /// "insiders buying", "3+ insiders bought over $500K in 30 days", "C-suite buys", "no insider selling".
    mutating func readInsider(into draft: inout ParseDraft) {
        markAll(["insider", "csuite", "buy", "sell", "no", "price"])
        let csuite = has(["csuite"])
        let actor = tokens.firstIndex { $0.isWord(in: ["insider", "csuite"]) } ?? 0
        let action = tokens[actor...].first { $0.isWord(in: ["buy", "sell"]) } ?? tokens.first { $0.isWord(in: ["buy", "sell"]) }
        let selling = action?.isWord("sell") ?? false
        let negated = has(["no"])
        let days = windowDays()
        let found = amounts()
        let count = found.first { $0.token.unit != .dollars && $0.value < 10_000 }
        let dollars = found.first { $0.token.unit == .dollars || $0.value >= 10_000 }
        let window = days ?? 30
        if days == nil { draft.assume("insider window 30 days by default") }
        if csuite, selling {
            draft.ask("There's no field for C-suite sales, only for all insider sales (insider_sell_count_Nd). Use insider selling instead?")
            return
        }
        if csuite, dollars != nil {
            draft.ask("C-suite purchases are counted, not summed in dollars (insider_csuite_buy_count_Nd). Count them, or use all insider buying in dollars (insider_buy_value_Nd)?")
            return
        }
        let countField: Field = csuite ? .insiderCSuiteBuyCount(days: window)
            : selling ? .insiderSellCount(days: window) : .insiderBuyCount(days: window)
        let valueField: Field = selling ? .insiderSellValue(days: window) : .insiderBuyValue(days: window)
        if negated || count?.value == 0 {
            emit(Condition(field: countField.name, operator: .eq, value: .number(0)), into: &draft)
            return
        }
        if let count {
            let op = count.op ?? .gte
            if count.op == nil { draft.assume("\(PlainNumber.text(count.value)) insider trades read as at least \(PlainNumber.text(count.value))") }
            emit(Condition(field: countField.name, operator: op, value: .number(count.value)), into: &draft)
        }
        if let dollars {
            emit(Condition(field: valueField.name, operator: dollars.op ?? .gte, value: .number(dollars.value)), into: &draft)
        }
        if count == nil, dollars == nil {
            draft.assume("\"\(selling ? "insiders selling" : csuite ? "C-suite buying" : "insiders buying")\" read as at least one \(selling ? "sale" : "purchase") in \(window) days")
            emit(Condition(field: countField.name, operator: .gte, value: .number(1)), into: &draft)
        }
    }

    /// "mentions spiking", "positive sentiment", "trending on wallstreetbets", "top 10 on reddit".
    mutating func readReddit(into draft: inout ParseDraft) {
        markAll(["reddit", "mentions", "sentiment", "trending", "rank", "top", "spiking", "positive", "negative",
                 "turnsnegative", "turnspositive", "up", "gain", "times2", "times3", "it", "price", "dropsout", "in"])
        let days = windowDays()
        let window = days ?? 7
        func assumeWindow() { if days == nil { draft.assume("Reddit window 7 days by default") } }
        let found = amounts()
        var read = false
        if has(["mentions"]) || (has(["spiking"]) && !has(["sentiment"])) {
            if has(["spiking", "up", "gain"]), let pct = found.first(where: { $0.token.unit == .percent }) {
                // "buzz surges 300%", "mentions up 50% in 7 days".
                assumeWindow()
                emit(Condition(field: Field.redditMentionsChangePct(days: window).name, operator: pct.op ?? .gt,
                               value: .number(pct.value)), into: &draft)
                read = true
            } else if has(["spiking"]) {
                assumeWindow()
                draft.assume("mentions spiking read as up more than 100% on the \(window) days before")
                emit(Condition(field: Field.redditMentionsChangePct(days: window).name, operator: .gt, value: .number(100)), into: &draft)
                read = true
            } else if let times = tokens.indices.first(where: { tokens[$0].isNumber && word($0 + 1) == "times" }),
                      tokens[times].value > 1 {
                // "mentions 3x": up 200% on the window before.
                assumeWindow()
                used.formUnion([times, times + 1])
                emit(Condition(field: Field.redditMentionsChangePct(days: window).name, operator: .gte,
                               value: .number((tokens[times].value - 1) * 100)), into: &draft)
                read = true
            } else if has(["times2"]) || has(["times3"]) {
                assumeWindow()
                emit(Condition(field: Field.redditMentionsChangePct(days: window).name, operator: .gte,
                               value: .number(has(["times2"]) ? 100 : 200)), into: &draft)
                read = true
            } else if has(["up", "gain"]), let pct = found.first(where: { $0.token.unit == .percent }) {
                assumeWindow()
                emit(Condition(field: Field.redditMentionsChangePct(days: window).name, operator: pct.op ?? .gt,
                               value: .number(pct.value)), into: &draft)
                read = true
            } else if has(["up"]), found.isEmpty {
                assumeWindow()
                draft.assume("rising mentions read as more mentions than in the \(window) days before (change > 0%)")
                emit(Condition(field: Field.redditMentionsChangePct(days: window).name, operator: .gt, value: .number(0)), into: &draft)
                read = true
            } else if let count = found.first(where: { $0.token.unit == .plain }), let op = count.op {
                assumeWindow()
                emit(Condition(field: Field.redditMentions(days: window).name, operator: op, value: .number(count.value)), into: &draft)
                read = true
            }
        }
        if has(["sentiment"]) || (!read && has(["positive", "negative"])) {
            if let score = found.first(where: { $0.op != nil && abs($0.value) <= 1 }), let op = score.op {
                assumeWindow()
                emit(Condition(field: Field.redditSentiment(days: window).name, operator: op, value: .number(score.value)), into: &draft)
                read = true
            } else if has(["positive", "turnspositive"]) || has(["negative", "turnsnegative"]) {
                let positive = has(["positive", "turnspositive"])
                assumeWindow()
                draft.assume("\(positive ? "positive" : "negative") sentiment read as a mean score \(positive ? "above 0.2" : "below -0.2") (−1 to 1)")
                emit(Condition(field: Field.redditSentiment(days: window).name, operator: positive ? .gt : .lt,
                               value: .number(positive ? 0.2 : -0.2)), into: &draft)
                read = true
            }
        }
        if has(["trending", "top", "rank"]) {
            let place = found.first { $0.token.unit == .plain && $0.value >= 1 && $0.value <= 1000 }
            if has(["dropsout"]) {
                let n = place?.value ?? 20
                emit(Condition(field: "reddit_rank", operator: .gt, value: .number(n)), into: &draft)
                read = true
            } else if has(["top"]), let place {
                emit(Condition(field: "reddit_rank", operator: .lte, value: .number(place.value)), into: &draft)
                read = true
            } else if has(["rank"]), let place, let op = place.op {
                emit(Condition(field: "reddit_rank", operator: op, value: .number(place.value)), into: &draft)
                read = true
            } else if has(["trending"]) {
                draft.assume("trending read as among the 20 most-mentioned tickers on Reddit (reddit_rank <= 20)")
                emit(Condition(field: "reddit_rank", operator: .lte, value: .number(20)), into: &draft)
                read = true
            }
        }
    }

    /// "analyst upgrades", "2+ upgrades in 60 days"; downgrades have no field and get a question.
    mutating func readAnalyst(into draft: inout ParseDraft) {
        markAll(["analyst", "upgrade", "downgrade", "price", "it"])
        if has(["downgrade"]) {
            draft.ask("There's no field for analyst downgrades (only upgrades, analyst_upgrades_Nd, and the rating score). Use a rating below some level instead, for example analyst_rating_score < 3?")
            return
        }
        guard has(["upgrade"]) else { return }
        let days = windowDays()
        if days == nil { draft.assume("analyst window 30 days by default") }
        var count = amounts().first { $0.token.unit == .plain }.map { ($0.value, $0.op) }
        if count == nil, has(["times2"]) || has(["times3"]) { count = (has(["times2"]) ? 2 : 3, nil) }
        emit(Condition(field: Field.analystUpgrades(days: days ?? 30).name, operator: count?.1 ?? .gte,
                       value: .number(count?.0 ?? 1)), into: &draft)
    }
}
