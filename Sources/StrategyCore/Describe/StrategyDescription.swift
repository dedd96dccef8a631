import Foundation

package extension TradingStrategy {
    /// The rules in words as one text: the description the parser writes, and the one a diff treats as
    /// derived from the conditions (so it never reports it as a change of its own).
    var rulesInWords: String { plainDescription.joined(separator: "\n") }

    /// Whether the description is only the rules in words, written from the conditions rather than by a person.
    var hasDerivedDescription: Bool { description == rulesInWords }

    /// The strategy in a few lines a trader reads at a glance, for tables and explanations:
    ///
    ///     Entry: RSI(14) < 30 AND close > SMA(200)
    ///     Exit: RSI(14) > 70 OR 8% stop loss OR 30 days max hold
    ///     Position size: 5% of portfolio
    var plainDescription: [String] { plainRules.lines }

    /// The three parts of `plainDescription`, each without its label.
    var plainRules: PlainRules {
        let entry = entryConditions.map(\.plainText).joined(separator: " \(entryLogic.rawValue) ")

        var exits = exitConditions.map(\.plainText)
        if exitLogic == .and, exits.count > 1 {
            // Stops close a position on their own, whatever the exit logic, so the conditions are grouped.
            exits = ["(" + exits.joined(separator: " AND ") + ")"]
        }
        if let stop = riskParameters.stopLossPct { exits.append("\(PlainNumber.text(stop))% stop loss") }
        if let target = riskParameters.takeProfitPct { exits.append("\(PlainNumber.text(target))% take profit") }
        if let days = riskParameters.maxHoldDays { exits.append("\(days) \(days == 1 ? "day" : "days") max hold") }

        var size = "\(PlainNumber.text(riskParameters.positionSizePct))% of portfolio"
        if let perTrade = riskParameters.riskPerTradePct {
            size += ", risking at most \(PlainNumber.text(perTrade))% of equity per trade"
        }
        return PlainRules(
            entry: entry.isEmpty ? "none (never buys)" : entry,
            exit: exits.isEmpty ? "none (positions stay open)" : exits.joined(separator: " OR "),
            positionSize: size)
    }
}

/// A strategy's rules in words: when it buys, when it sells, how much it puts in.
package struct PlainRules: Hashable, Sendable {
    package var entry: String
    package var exit: String
    package var positionSize: String

    package init(entry: String, exit: String, positionSize: String) {
        self.entry = entry
        self.exit = exit
        self.positionSize = positionSize
    }

    /// The labels `lines` puts before each part.
    package static let entryLabel = "Entry: ", exitLabel = "Exit: ", positionSizeLabel = "Position size: "

    /// "Entry: …", "Exit: …", "Position size: …".
    package var lines: [String] {
        [Self.entryLabel + entry, Self.exitLabel + exit, Self.positionSizeLabel + positionSize]
    }
}

package extension Condition {
    /// One condition as a person reads it: "RSI(14) < 30", "volume > 2 × volume SMA(20)".
    var plainText: String {
        let left = Condition.displayName(field)
        let unit = FieldRegistry.spec(named: field)?.unit
        switch value {
        case .number(let number):
            return "\(left) \(self.operator.symbol) \(Condition.format(number, unit: unit))"
        case .numbers(let numbers):
            let texts = numbers.map { Condition.format($0, unit: unit) }
            if self.operator == .between, texts.count == 2 { return "\(left) between \(texts[0]) and \(texts[1])" }
            return "\(left) \(self.operator.symbol) [\(texts.joined(separator: ", "))]"
        case .field(let reference):
            let right = Condition.displayName(reference.field)
            let scaled = reference.multiplier.map { $0 == 1 ? right : "\(PlainNumber.text($0)) × \(right)" } ?? right
            return "\(left) \(self.operator.symbol) \(scaled)"
        }
    }

    /// The registry's human name, or the name as written when it is not in the vocabulary.
    internal static func displayName(_ name: String) -> String {
        FieldRegistry.spec(named: name)?.displayName ?? name
    }

    internal static func format(_ value: Double, unit: FieldUnit?) -> String {
        switch unit {
        case .percentPoints: "\(PlainNumber.text(value))%"
        case .dollars: value < 0 ? "-$\(PlainNumber.grouped(-value))" : "$\(PlainNumber.grouped(value))"
        case .shares: PlainNumber.grouped(value)
        default: PlainNumber.text(value)
        }
    }
}
