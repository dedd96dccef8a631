import Foundation

extension StrategyEdit {
    /// "use the same period for the exit", "the same length for volume": the rules the line names take the
    /// period of the other rules of their kind ("RSI(7)" in the exit becomes the entry's RSI(14)), or else of
    /// the other rules' averages ("volume above its 20-day average" beside a 50-day one becomes 50-day).
    /// Returns false when the line names no rules to change.
    mutating func samePeriod(_ tokens: [TextToken], words: [String]) -> Bool {
        guard words.contains("same"),
              words.contains(where: { ["period", "periods", "length", "lookback", "window", "setting", "settings"].contains($0) })
        else { return false }
        let side = Self.side(named: words)
        let families = tokens.compactMap { Self.family(of: $0.text) }
        guard side != nil || !families.isEmpty else { return false }
        let before = changes.count
        func targeted(_ condition: Condition, exit: Bool) -> Bool {
            if let side, exit != (side == .exit) { return false }
            return families.isEmpty || condition.fieldsUsed.contains { name in
                Field(name: name).map { field in families.contains { $0(field) } } ?? false
            }
        }
        let sides = [(false, strategy.entryConditions), (true, strategy.exitConditions)]
        let targets = sides.flatMap { exit, list in list.filter { targeted($0, exit: exit) } }
        let others = sides.flatMap { exit, list in list.filter { !targeted($0, exit: exit) } }
        let otherFields = others.flatMap(\.fieldsUsed).compactMap(Field.init(name:)).filter { $0.period != nil }
        func source(for field: Field) -> Int? {
            (otherFields.first { $0.withPeriod(1) == field.withPeriod(1) } ?? otherFields.first)?.period
        }
        guard !targets.isEmpty, !otherFields.isEmpty else {
            question = "The same period as what? The strategy has: \((strategy.entryConditions + strategy.exitConditions).map(\.plainText).joined(separator: "; "))."
            return true
        }
        func renamed(_ name: String) -> String {
            guard let field = Field(name: name), field.period != nil, let period = source(for: field) else { return name }
            return field.withPeriod(period).name
        }
        for exit in [false, true] {
            var list = exit ? strategy.exitConditions : strategy.entryConditions
            for index in list.indices where targeted(list[index], exit: exit) {
                let before = list[index]
                list[index].field = renamed(before.field)
                if case .field(var reference) = before.value {
                    reference.field = renamed(reference.field)
                    list[index].value = .field(reference)
                }
                if list[index] != before { changes.append("\(exit ? "exit" : "entry") \(before.plainText) → \(list[index].plainText)") }
            }
            if exit { strategy.exitConditions = list } else { strategy.entryConditions = list }
        }
        if changes.count == before { notes.append("the rules named already use the same period") }
        return true
    }
}

extension Field {
    /// The one look-back of a field that has a single one (RSI(14), SMA(50), the 20-day high); nil otherwise.
    var period: Int? {
        switch self {
        case .sma(let n), .ema(let n), .rsi(let n), .atr(let n), .volumeSMA(let n), .priceChangePct(let n), .highN(let n), .lowN(let n):
            n
        default:
            nil
        }
    }

    /// The same field with another look-back; a field without a single one is returned as it is.
    func withPeriod(_ n: Int) -> Field {
        switch self {
        case .sma: .sma(n)
        case .ema: .ema(n)
        case .rsi: .rsi(n)
        case .atr: .atr(n)
        case .volumeSMA: .volumeSMA(n)
        case .priceChangePct: .priceChangePct(n)
        case .highN: .highN(n)
        case .lowN: .lowN(n)
        default: self
        }
    }
}
