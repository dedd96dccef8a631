import Foundation

extension ConditionReader {
    /// Completes what a clause left unsaid at its end: a lone "new high", an elided right-hand side
    /// ("crosses back below"), a MACD crossover that names no line.
    mutating func finish(_ frame: inout Frame, draft: inout ParseDraft) {
        if frame.isEmpty { return }
        if frame.comparison == .near {
            leftover = text
            return
        }
        if frame.comparison == nil, let bias = frame.bias, frame.subject != nil { frame.comparison = bias }
        if frame.comparison == nil, frame.object == nil, frame.values.isEmpty, frame.multiplier == nil,
           case .field(let field)? = frame.subject {
            switch field {
            case .highN, .lowN:
                frame.object = frame.subject
                frame.subject = nil
            default:
                return
            }
        }
        if frame.object == nil, frame.values.isEmpty, let comparison = frame.comparison {
            let subject = resolveSubject(frame, draft: draft)
            if case .macd = subject, comparison == .crossAny || comparison == .op(.crossesAbove) || comparison == .op(.crossesBelow) {
                frame.object = .signal
            } else if frame.subject != nil, comparison != .hits, comparison != .turnsPositive, comparison != .turnsNegative,
                      comparison != .positive, comparison != .negative, case .field(let reference)? = draft.lastObject {
                frame.object = .field(Field(name: reference.field) ?? .close)
            }
        }
        let hadNumbers = !frame.values.isEmpty || frame.multiplier != nil
        let stray = frame.isStrayNumbers ? frame.values : []
        if !flush(&frame, draft: &draft), hadNumbers {
            // A number with no field, comparison or window beside it ("my 1st try", "100% sure") is no rule
            // and no question: it is reported as a word not placed.
            if !stray.isEmpty, !stray.contains(where: { hasWindowWord(after: $0) }) {
                for token in stray where !draft.unrecognized.contains(token.original) { draft.unrecognized.append(token.original) }
            } else {
                leftover = text
            }
        }
    }

    /// Whether a day, week, month or year word follows the number ("for 2 consecutive days").
    func hasWindowWord(after number: TextToken) -> Bool {
        guard let index = tokens.firstIndex(of: number) else { return false }
        return [index + 1, index + 2].contains { ["day", "week", "month", "year"].contains(word($0) ?? "") }
    }

    func resolveSubject(_ frame: Frame, draft: ParseDraft) -> Field {
        switch frame.subject {
        case .field(let field)?: return field
        case .pronoun?: return draft.lastSubject ?? .close
        case .average?, .signal?: return .close
        case nil:
            if case .field(let object)? = frame.object {
                if case .volumeSMA = object { return .volume }
                let unit = FieldRegistry.spec(for: object).unit
                if let last = draft.lastSubject, FieldRegistry.spec(for: last).unit == unit { return last }
                return unit == .price ? .close : (draft.lastSubject ?? .close)
            }
            if case .average? = frame.object, frame.multiplier != nil { return .volume }
            return draft.lastSubject ?? .close
        }
    }

    /// Turns a finished frame into a condition and clears it; an unusable frame is dropped (returns false).
    @discardableResult
    mutating func flush(_ frame: inout Frame, draft: inout ParseDraft) -> Bool {
        defer { frame = Frame() }
        guard !frame.isEmpty else { return false }
        // No subject named and words not understood ("payout ratio below 60%"): the subject is one of those
        // words, so borrowing the previous one would be a guess.
        if frame.subject == nil, frame.object == nil, tokens.contains(where: { !$0.known }) { return false }
        // Every condition comes from words that name its field. "It" or a bare comparison with nothing named
        // before it, and no field on the right to tell what is compared ("call it <b>1</b>"), names none.
        if draft.lastSubject == nil, !frame.namesField {
            leftover = leftover ?? text
            return false
        }
        let subject = resolveSubject(frame, draft: draft)
        var object: Field?
        switch frame.object {
        case .field(let field)?: object = field
        case .average(let n)?:
            if subject == .volume {
                if n == nil { draft.assume("volume average over 20 days by default") }
                object = .volumeSMA(n ?? 20)
            } else {
                if n == nil { draft.assume("moving average period 50 by default (simple)") }
                object = .sma(n ?? 50)
            }
        case .signal?:
            if case .macd(let f, let s, let g) = subject { object = .macdSignal(fast: f, slow: s, signal: g) }
            else { object = .macdSignal(fast: 12, slow: 26, signal: 9) }
        case .pronoun?, nil:
            object = nil
        }
        var comparison = frame.comparison ?? (frame.multiplier != nil || object != nil ? .op(.gt) : nil)
        if comparison == nil, object == nil { return false }
        // Against the N days before today, a break is already a comparison: close > high_20 is the breakout.
        if let object, comparison == .crossAny || comparison == .hits || comparison == .op(.crossesAbove)
            || comparison == .op(.crossesBelow) || frame.comparison == nil {
            switch object {
            case .highN: comparison = .op(.gt)
            case .lowN: comparison = .op(.lt)
            default: break
            }
        }
        guard let comparison else { return false }
        let op: ConditionOperator
        var value: ConditionValue
        switch comparison {
        case .op(let written): op = written
        case .crossAny:
            op = section == .entry ? .crossesAbove : .crossesBelow
            draft.assume("\"crosses\" read as crosses \(op == .crossesAbove ? "above" : "below") (\(section == .entry ? "entry" : "exit"))")
        case .hits:
            var below = false
            switch object {
            case .bbLower?, .lowN?: below = true
            case nil: if case .rsi = subject, let first = frame.values.first { below = first.value < 50 }
            default: break
            }
            op = below ? .lte : .gte
        case .near:
            return false
        case .turnsPositive, .turnsNegative:
            frame.values = [TextToken.number(0, column: 0, original: "0")]
            op = comparison == .turnsPositive ? .crossesAbove : .crossesBelow
        case .positive, .negative:
            frame.values = [TextToken.number(0, column: 0, original: "0")]
            op = comparison == .positive ? .gt : .lt
        }
        if let object {
            let multiplier = frame.multiplier.flatMap { $0 == 1 ? nil : $0 }
            value = .field(FieldReference(field: object.name, multiplier: multiplier))
        } else if op == .between {
            guard frame.values.count >= 2 else { return false }
            let pair = frame.values.prefix(2).map(\.value).sorted()
            value = .numbers(pair)
        } else if let first = frame.values.first {
            value = .number(first.value)
        } else {
            return false
        }
        // A percent threshold on a field that is not in percent (a price, RSI) is not a level of it.
        if case .number = value, frame.values.first?.unit == .percent, FieldRegistry.spec(for: subject).unit != .percentPoints {
            draft.ask("\"\(frame.values.first?.original ?? "")\" on \(FieldRegistry.spec(for: subject).displayName) needs a reference: a percent of what?")
            return true
        }
        emit(Condition(field: subject.name, operator: op, value: value), into: &draft)
        if case .field(let reference) = value, reference.multiplier == nil, let field = Field(name: reference.field) {
            chainFrom = .field(field)
        }
        return true
    }
}
