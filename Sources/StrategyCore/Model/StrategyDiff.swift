import Foundation

/// What changed between two versions of a strategy, as lines a person can read
/// ("stop loss: 8% → 6%", "entry: added volume > 1,000,000").
///
/// Only the definition counts: id, owner, version, timestamps and the active flag are bookkeeping,
/// and `data_requirements` are derived from the conditions, so a change there always shows up
/// as a condition change already.
package struct StrategyDiff: Hashable, Sendable, Codable {
    /// One changed part of a strategy.
    package struct Change: Hashable, Sendable, Codable {
        package enum Kind: String, Hashable, Sendable, Codable {
            case changed, added, removed
        }

        /// The part of the strategy, as a person names it ("stop loss", "entry", "name").
        package var part: String
        package var kind: Kind
        /// The readable old value; nil for an addition.
        package var old: String?
        /// The readable new value; nil for a removal.
        package var new: String?

        package init(part: String, kind: Kind, old: String?, new: String?) {
            self.part = part
            self.kind = kind
            self.old = old
            self.new = new
        }

        /// The change as one line: "stop loss: 8% → 6%", "entry: removed RSI(14) < 30".
        package var line: String {
            switch kind {
            case .changed: "\(part): \(old ?? "none") → \(new ?? "none")"
            case .added: "\(part): added \(new ?? "")"
            case .removed: "\(part): removed \(old ?? "")"
            }
        }

        /// The part a `line` is about ("stop loss" of "stop loss: 8% → 6%").
        package static func part(ofLine line: String) -> String { String(line.prefix { $0 != ":" }) }

        /// The part of a changed description, which follows from the rules when it is only them in words.
        package static let descriptionPart = "description"
    }

    package var changes: [Change]

    package init(changes: [Change] = []) {
        self.changes = changes
    }

    package var isEmpty: Bool { changes.isEmpty }

    /// Every change on one line, joined by "; ", or "no changes".
    package var summary: String {
        isEmpty ? "no changes" : changes.map(\.line).joined(separator: "; ")
    }

    /// The changes that turn `old` into `new`, in the order a strategy reads:
    /// name and description, timeframe, entry, exit, risk, then the original request text.
    package static func between(_ old: TradingStrategy, _ new: TradingStrategy) -> StrategyDiff {
        var changes: [Change] = []
        func compare(_ part: String, _ a: String, _ b: String) {
            if a != b { changes.append(Change(part: part, kind: .changed, old: a, new: b)) }
        }
        compare("name", old.name, new.name)
        // A description that is only the rules in words follows the conditions, like data_requirements;
        // the condition and risk lines below already say what changed.
        if !(old.hasDerivedDescription && new.hasDerivedDescription) {
            compare(Change.descriptionPart, Readable.excerpt(old.description), Readable.excerpt(new.description))
        }
        compare("timeframe", old.timeframe.rawValue, new.timeframe.rawValue)
        changes += conditionChanges("entry", old.entryConditions, new.entryConditions)
        compare("entry logic", old.entryLogic.rawValue, new.entryLogic.rawValue)
        changes += conditionChanges("exit", old.exitConditions, new.exitConditions)
        compare("exit logic", old.exitLogic.rawValue, new.exitLogic.rawValue)
        let r0 = old.riskParameters, r1 = new.riskParameters
        compare("stop loss", Readable.percent(r0.stopLossPct), Readable.percent(r1.stopLossPct))
        compare("take profit", Readable.percent(r0.takeProfitPct), Readable.percent(r1.takeProfitPct))
        compare("max hold", Readable.days(r0.maxHoldDays), Readable.days(r1.maxHoldDays))
        compare("position size", Readable.percent(r0.positionSizePct), Readable.percent(r1.positionSizePct))
        compare("risk per trade", Readable.percent(r0.riskPerTradePct), Readable.percent(r1.riskPerTradePct))
        compare("request", Readable.excerpt(old.naturalLanguageInput), Readable.excerpt(new.naturalLanguageInput))
        return StrategyDiff(changes: changes)
    }

    /// Conditions are compared as a multiset in order, ignoring the legacy per-condition `logic`.
    /// A removed and an added condition on the same field read best as one change
    /// ("entry: RSI(14) < 30 → RSI(14) < 25"), so they are paired.
    static func conditionChanges(_ part: String, _ old: [Condition], _ new: [Condition]) -> [Change] {
        var unmatchedNew = new.map(Key.init)
        var removed: [Key] = []
        for key in old.map(Key.init) {
            if let index = unmatchedNew.firstIndex(of: key) {
                unmatchedNew.remove(at: index)
            } else {
                removed.append(key)
            }
        }
        var changes: [Change] = []
        for key in removed {
            if let index = unmatchedNew.firstIndex(where: { $0.field == key.field }) {
                let replacement = unmatchedNew.remove(at: index)
                changes.append(Change(part: part, kind: .changed, old: key.readable, new: replacement.readable))
            } else {
                changes.append(Change(part: part, kind: .removed, old: key.readable, new: nil))
            }
        }
        changes += unmatchedNew.map { Change(part: part, kind: .added, old: nil, new: $0.readable) }
        return changes
    }

    /// A condition without its legacy `logic`, which the strategy's own logic overrides.
    struct Key: Equatable {
        var field: String
        var op: ConditionOperator
        var value: ConditionValue

        init(_ condition: Condition) {
            field = condition.field
            op = condition.operator
            value = condition.value
        }

        var readable: String { Readable.condition(field: field, op: op, value: value) }
    }
}

extension StrategyDiff {
    /// How strategy parts are written for people: `RSI(14) < 30`, `1,000,000`, `8%`.
    /// Nested here so renderers can share it without claiming a generic top-level name.
        package enum Readable {
        /// A condition as a person writes it: "RSI(14) < 30", "volume > 2 × volume SMA(20)".
        package static func condition(_ condition: Condition) -> String {
            self.condition(field: condition.field, op: condition.operator, value: condition.value)
        }

        static func condition(field: String, op: ConditionOperator, value: ConditionValue) -> String {
            let left = self.field(field)
            switch (op, value) {
            case (.between, .numbers(let bounds)) where bounds.count == 2:
                return "\(left) between \(number(bounds[0])) and \(number(bounds[1]))"
            case (_, .numbers(let values)):
                return "\(left) \(op.symbol) [\(values.map(number).joined(separator: ", "))]"
            case (_, .number(let n)):
                return "\(left) \(op.symbol) \(number(n))"
            case (_, .field(let reference)):
                let right = self.field(reference.field)
                if let m = reference.multiplier, m != 1 {
                    return "\(left) \(op.symbol) \(number(m)) × \(right)"
                }
                return "\(left) \(op.symbol) \(right)"
            }
        }

        /// A field name as a trader reads it: `rsi_14` → "RSI(14)", `volume_sma_20` → "volume SMA(20)".
        /// Names outside the vocabulary are shown as written, so a typo stays visible.
        package static func field(_ name: String) -> String {
            guard let field = Field(name: name) else { return name }
            switch field {
            case .sma(let n): return "SMA(\(n))"
            case .ema(let n): return "EMA(\(n))"
            case .rsi(let n): return "RSI(\(n))"
            case .atr(let n): return "ATR(\(n))"
            case .macd(let f, let s, let g): return "MACD(\(f),\(s),\(g))"
            case .macdSignal(let f, let s, let g): return "MACD signal(\(f),\(s),\(g))"
            case .macdHist(let f, let s, let g): return "MACD histogram(\(f),\(s),\(g))"
            case .bbUpper(let n, let k): return "BB upper(\(n),\(number(k)))"
            case .bbMiddle(let n, let k): return "BB middle(\(n),\(number(k)))"
            case .bbLower(let n, let k): return "BB lower(\(n),\(number(k)))"
            case .volumeSMA(let n): return "volume SMA(\(n))"
            default: return name.replacingOccurrences(of: "_", with: " ")
            }
        }

        /// A number with thousands separators and at most four decimals, independent of locale:
        /// 1000000 → "1,000,000", 2.5 → "2.5", -0.125 → "-0.125".
        package static func number(_ value: Double) -> String {
            guard value.isFinite else { return "\(value)" }
            let scaled = (abs(value) * 10_000).rounded()
            guard scaled < 9e15 else { return String(format: "%.0f", value) }
            let whole = Int64(scaled) / 10_000
            let fraction = Int64(scaled) % 10_000
            var digits = String(whole)
            var grouped = ""
            while digits.count > 3 {
                grouped = "," + digits.suffix(3) + grouped
                digits.removeLast(3)
            }
            grouped = digits + grouped
            if fraction > 0 {
                var decimals = String(format: "%04lld", fraction)
                while decimals.hasSuffix("0") { decimals.removeLast() }
                grouped += "." + decimals
            }
            return (value < 0 && scaled > 0 ? "-" : "") + grouped
        }

        /// "8%", or "none" for a parameter that is switched off.
        package static func percent(_ value: Double?) -> String {
            value.map { number($0) + "%" } ?? "none"
        }

        /// "30 days", or "none".
        package static func days(_ value: Int?) -> String {
            guard let value else { return "none" }
            return value == 1 ? "1 day" : "\(value) days"
        }

        /// Long text shortened to one readable line, quoted.
        static func excerpt(_ text: String, limit: Int = 60) -> String {
            let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
            if flat.isEmpty { return "(empty)" }
            return "\"" + (flat.count > limit ? flat.prefix(limit - 1) + "…" : flat) + "\""
        }
    }
}
