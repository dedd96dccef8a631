import Foundation

/// Recursive-descent reader for `StrategyDSL` tokens into a `ParseDraft`.
struct StrategyDSLParser {
    typealias Token = StrategyDSL.Token
    let tokens: [Token]
    /// Column just past the text, for "expected … at the end" errors.
    let end: Int
    var i = 0
    var draft = ParseDraft()
    var clause = 0

    init(tokens: [Token], end: Int) {
        self.tokens = tokens
        self.end = end
    }

    var current: Token? { i < tokens.count ? tokens[i] : nil }
    var column: Int { current?.column ?? end }

    func isWord(_ word: String, at index: Int? = nil) -> Bool {
        let index = index ?? i
        return index < tokens.count && tokens[index].kind == .word && tokens[index].text.lowercased() == word
    }

    func isSymbol(_ symbol: String) -> Bool { current?.kind == .symbol && current?.text == symbol }

    mutating func parse() throws -> ParseDraft {
        while i < tokens.count {
            if isSymbol(";") { i += 1; continue }
            try statement()
            if i < tokens.count, !isSymbol(";") {
                throw StrategyParseError(column: column, message: "unexpected \"\(current?.text ?? "")\"",
                                         fix: "separate statements with \";\" and join conditions with \"and\" or \"or\"")
            }
        }
        return draft
    }

    mutating func statement() throws {
        guard let head = current, head.kind == .word else { throw StrategyDSL.NotDSL() }
        let keyword = head.text.lowercased()
        i += 1
        switch keyword {
        case "entry", "exit":
            guard isSymbol(":") else { throw StrategyDSL.NotDSL() }
            i += 1
            try conditions(section: keyword == "entry" ? .entry : .exit)
        case "stop", "target", "max", "hold", "size", "risk":
            i -= 1
            guard try riskItem() else { throw StrategyDSL.NotDSL() }
        case "timeframe":
            if isSymbol(":") || isSymbol("=") { i += 1 }
            guard let name = current, name.kind == .word, let timeframe = Timeframe(rawValue: name.text.lowercased()) else {
                throw StrategyParseError(column: column, message: "unknown timeframe \"\(current?.text ?? "")\"",
                                         fix: "use short_term, medium_term or long_term")
            }
            draft.timeframe = timeframe
            i += 1
        case "name":
            if isSymbol(":") || isSymbol("=") { i += 1 }
            guard let name = current, name.kind == .string else {
                throw StrategyParseError(column: column, message: "name needs a quoted text", fix: #"write name "RSI dip""#)
            }
            draft.name = name.text
            i += 1
        default:
            throw StrategyDSL.NotDSL()
        }
    }

    /// `stop 8%`, `target 20%`, `max 30 days`, `size 5%`, `risk 1%`; false when the words are not a risk item.
    mutating func riskItem() throws -> Bool {
        guard let head = current, head.kind == .word else { return false }
        let keyword = head.text.lowercased()
        guard ["stop", "target", "max", "hold", "size", "risk"].contains(keyword) else { return false }
        i += 1
        if isSymbol(":") || isSymbol("=") { i += 1 }
        if isWord("none"), keyword == "stop" || keyword == "target" || keyword == "max" || keyword == "hold" {
            i += 1
            switch keyword {
            case "stop": draft.stop = .none
            case "target": draft.target = .none
            default: draft.hold = .none
            }
            return true
        }
        guard let number = current, number.kind == .number else {
            throw StrategyParseError(column: column, message: "\(keyword) needs a number",
                                     fix: keyword == "max" || keyword == "hold" ? "write e.g. \(keyword) 30 days" : "write e.g. \(keyword) 8%")
        }
        i += 1
        let value = abs(number.value)
        switch keyword {
        case "stop": draft.stop = .value(value)
        case "target": draft.target = .value(value)
        case "size": draft.size = value
        case "risk": draft.riskPerTrade = value
        default:
            guard value == value.rounded(), value >= 1, value <= 36_500 else {
                throw StrategyParseError(column: number.column, message: "the holding limit must be a whole number of days, up to 36,500", fix: "write e.g. max 30 days")
            }
            draft.hold = .value(Int(value))
            if isWord("days") || isWord("day") || isWord("d") { i += 1 }
        }
        return true
    }

    mutating func conditions(section: StrategySection) throws {
        var joiner: (Logic, Int)?
        var first = true
        while true {
            let join: ClauseJoin
            if first { join = .neutral } else if let joiner { join = joiner.0 == .and ? .and : .or } else { join = .neutral }
            if section == .exit, try riskItem() {
            } else {
                let condition = try self.condition()
                draft.add(condition, to: section, join: join, clause: clause)
                clause += 1
            }
            first = false
            guard let next = current, next.kind == .word, let logic = Logic(text: next.text) else { return }
            if let joiner, joiner.0 != logic {
                throw StrategyParseError(column: next.column, message: "\"\(next.text)\" mixes with the \"\(joiner.0.rawValue.lowercased())\" at col \(joiner.1)",
                                         fix: "join one list with one word: all \"and\" or all \"or\"")
            }
            if section == .entry || joiner == nil { joiner = (logic, next.column) }
            i += 1
        }
    }

    mutating func field(at token: Token) throws -> Field {
        guard token.kind == .word else {
            throw StrategyParseError(column: token.column, message: "expected a field, found \"\(token.text)\"", fix: "start the condition with a field such as rsi_14")
        }
        if let field = Field(name: token.text) { return field }
        // A plain English word (RSI, price) means the text is English with headers.
        if !token.text.contains("_"), !token.text.contains(where: \.isNumber) { throw StrategyDSL.NotDSL() }
        let fix = FieldRegistry.suggestion(for: token.text).map { "did you mean \($0)?" }
            ?? "use a field of the vocabulary, e.g. close, sma_50, rsi_14, volume_sma_20"
        throw StrategyParseError(column: token.column, message: "unknown field \(token.text)", fix: fix)
    }

    mutating func condition() throws -> Condition {
        guard let head = current else {
            throw StrategyParseError(column: end, message: "expected a condition at the end", fix: "add e.g. rsi_14 < 30")
        }
        let left = try field(at: head)
        i += 1
        guard let opToken = current else {
            throw StrategyParseError(column: end, message: "\(left.name) needs an operator and a value", fix: "write e.g. \(left.name) > 30")
        }
        let op: ConditionOperator
        switch (opToken.kind, opToken.text.lowercased()) {
        case (.symbol, "<"): op = .lt
        case (.symbol, ">"): op = .gt
        case (.symbol, "<="): op = .lte
        case (.symbol, ">="): op = .gte
        case (.symbol, "="): op = .eq
        case (.word, "crosses_above"): op = .crossesAbove
        case (.word, "crosses_below"): op = .crossesBelow
        case (.word, "between"): op = .between
        default:
            if opToken.kind == .word { throw StrategyDSL.NotDSL() }
            throw StrategyParseError(column: opToken.column, message: "unknown operator \"\(opToken.text)\"",
                                     fix: "use < > <= >= = crosses_above crosses_below between")
        }
        i += 1
        if op == .between {
            let low = try numberValue()
            guard isWord("and") else {
                throw StrategyParseError(column: column, message: "between needs \"and\" and a second number", fix: "write e.g. rsi_14 between 30 and 50")
            }
            i += 1
            let high = try numberValue()
            return Condition(field: left.name, operator: .between, value: .numbers([min(low, high), max(low, high)]))
        }
        return Condition(field: left.name, operator: op, value: try value())
    }

    mutating func numberValue() throws -> Double {
        guard let token = current, token.kind == .number else {
            throw StrategyParseError(column: column, message: "expected a number", fix: "write a plain number such as 30")
        }
        i += 1
        return token.value
    }

    /// A number, a field, or a scaled field (`2 * volume_sma_20`, `volume_sma_20 * 2`).
    mutating func value() throws -> ConditionValue {
        guard let token = current else {
            throw StrategyParseError(column: end, message: "expected a value at the end", fix: "add a number or a field")
        }
        if token.kind == .number {
            i += 1
            if isSymbol("*") || isWord("x") {
                i += 1
                guard let reference = current else { throw StrategyParseError(column: end, message: "expected a field after \"*\"", fix: "write e.g. 2 * volume_sma_20") }
                let field = try field(at: reference)
                i += 1
                return .field(FieldReference(field: field.name, multiplier: token.value))
            }
            return .number(token.value)
        }
        let field = try field(at: token)
        i += 1
        if isSymbol("*") {
            i += 1
            let multiplier = try numberValue()
            return .field(FieldReference(field: field.name, multiplier: multiplier))
        }
        return .field(FieldReference(field: field.name))
    }
}
