import Foundation
import StrategyCore
import Testing

@Suite("Strategy diff")
struct StrategyDiffTests {
    static let base = TradingStrategy(
        name: "RSI dip", description: "Buy oversold dips", naturalLanguageInput: "buy when RSI is below 30",
        timeframe: .shortTerm,
        entryConditions: [Condition(field: "rsi_14", operator: .lt, value: .number(30))],
        exitConditions: [Condition(field: "rsi_14", operator: .gt, value: .number(70))],
        riskParameters: RiskParameters(stopLossPct: 8, takeProfitPct: 15, maxHoldDays: 30))

    @Test("an unchanged strategy has an empty diff")
    func unchanged() {
        let diff = StrategyDiff.between(Self.base, Self.base)
        #expect(diff.isEmpty)
        #expect(diff.summary == "no changes")
    }

    @Test("bookkeeping fields are not changes")
    func bookkeeping() {
        var stored = Self.base
        stored.id = "abc"
        stored.userId = "ann"
        stored.version = 3
        stored.isActive = false
        stored.createdAt = Date(timeIntervalSince1970: 0)
        stored.updatedAt = Date(timeIntervalSince1970: 60)
        stored.dataRequirements = [DataRequirement(source: .calculated, dataType: "rsi_14")]
        #expect(StrategyDiff.between(Self.base, stored).isEmpty)
    }

    @Test("a description written from the rules follows them silently; one a person wrote is a change")
    func derivedDescription() {
        var old = Self.base
        old.description = old.rulesInWords
        var new = old
        new.riskParameters.stopLossPct = 6
        new.description = new.rulesInWords
        #expect(StrategyDiff.between(old, new).changes.map(\.line) == ["stop loss: 8% → 6%"])

        var written = new
        written.description = "Buy oversold dips, tighter stop"
        #expect(StrategyDiff.between(old, written).changes.map(\.part) == ["description", "stop loss"])
    }

    @Test("a changed stop loss reads as old → new in percent")
    func stopLoss() {
        var new = Self.base
        new.riskParameters.stopLossPct = 6
        #expect(StrategyDiff.between(Self.base, new).changes.map(\.line) == ["stop loss: 8% → 6%"])
    }

    @Test("a risk parameter switched off reads as none")
    func riskNone() {
        var new = Self.base
        new.riskParameters.maxHoldDays = nil
        new.riskParameters.takeProfitPct = 22.5
        #expect(StrategyDiff.between(Self.base, new).changes.map(\.line) == [
            "take profit: 15% → 22.5%", "max hold: 30 days → none",
        ])
    }

    @Test("an added entry condition is named with its number grouped by thousands")
    func addedCondition() {
        var new = Self.base
        new.entryConditions.append(Condition(field: "volume", operator: .gt, value: .number(1_000_000)))
        let diff = StrategyDiff.between(Self.base, new)
        #expect(diff.changes == [StrategyDiff.Change(part: "entry", kind: .added, old: nil, new: "volume > 1,000,000")])
        #expect(diff.summary == "entry: added volume > 1,000,000")
    }

    @Test("a removed entry condition reads with the indicator's usual name")
    func removedCondition() {
        var old = Self.base
        old.entryConditions.append(Condition(field: "volume", operator: .gt, value: .number(1_000_000)))
        #expect(StrategyDiff.between(old, Self.base).changes.map(\.line) == ["entry: removed volume > 1,000,000"])
        var noRSI = Self.base
        noRSI.entryConditions = [Condition(field: "close", operator: .gt, value: .field(FieldReference(field: "sma_50")))]
        #expect(StrategyDiff.between(Self.base, noRSI).changes.map(\.line) == [
            "entry: removed RSI(14) < 30", "entry: added close > SMA(50)",
        ])
    }

    @Test("a condition whose threshold moved reads as one change")
    func movedThreshold() {
        var new = Self.base
        new.entryConditions[0].value = .number(25)
        #expect(StrategyDiff.between(Self.base, new).changes.map(\.line) == ["entry: RSI(14) < 30 → RSI(14) < 25"])
    }

    @Test("timeframe, name, logic and exit changes each get a line, in reading order")
    func severalParts() {
        var new = Self.base
        new.name = "RSI swing"
        new.timeframe = .longTerm
        new.entryLogic = .or
        new.exitConditions.append(Condition(field: "macd_12_26_9", operator: .crossesBelow,
                                            value: .field(FieldReference(field: "macd_signal_12_26_9"))))
        #expect(StrategyDiff.between(Self.base, new).changes.map(\.line) == [
            "name: RSI dip → RSI swing",
            "timeframe: short_term → long_term",
            "entry logic: AND → OR",
            "exit: added MACD(12,26,9) crosses below MACD signal(12,26,9)",
        ])
    }

    @Test("reordering conditions or changing their legacy logic is not a change")
    func reorder() {
        var old = Self.base
        old.entryConditions.append(Condition(field: "volume", operator: .gt, value: .number(5)))
        var new = old
        new.entryConditions.reverse()
        new.entryConditions[0].logic = .or
        #expect(StrategyDiff.between(old, new).isEmpty)
    }

    @Test("field references with a multiplier and ranges read naturally")
    func readableConditions() {
        typealias R = StrategyDiff.Readable
        #expect(R.condition(Condition(field: "volume", operator: .gt,
                                      value: .field(FieldReference(field: "volume_sma_20", multiplier: 2))))
                == "volume > 2 × volume SMA(20)")
        #expect(R.condition(Condition(field: "rsi_14", operator: .between, value: .numbers([30, 50])))
                == "RSI(14) between 30 and 50")
        #expect(R.condition(Condition(field: "close", operator: .lt, value: .field(FieldReference(field: "bb_lower_20_2"))))
                == "close < BB lower(20,2)")
        #expect(R.condition(Condition(field: "insider_buy_count_30d", operator: .gte, value: .number(3)))
                == "insider buy count 30d >= 3")
        #expect(R.field("not_a_field_9") == "not_a_field_9")
    }

    // Expected strings written by hand: groups of three digits from the right, at most four decimals.
    @Test("numbers are grouped by thousands without depending on the locale", arguments: [
        (1_000_000.0, "1,000,000"), (999.0, "999"), (1_234.5, "1,234.5"), (-0.125, "-0.125"), (0.0, "0"),
        (12_345_678.9, "12,345,678.9"), (0.00004, "0"), (-1_000.0, "-1,000"),
    ])
    func numbers(value: Double, expected: String) {
        #expect(StrategyDiff.Readable.number(value) == expected)
    }

    @Test("a diff round-trips through JSON")
    func codable() throws {
        var new = Self.base
        new.riskParameters.stopLossPct = 6
        new.description = "Buy deep dips"
        let diff = StrategyDiff.between(Self.base, new)
        let data = try StrategyJSON.encoder.encode(diff)
        #expect(try StrategyJSON.decoder.decode(StrategyDiff.self, from: data) == diff)
        #expect(diff.summary == "description: \"Buy oversold dips\" → \"Buy deep dips\"; stop loss: 8% → 6%")
    }
}
