import Foundation

extension FieldRegistry {
    /// Extra daily bars fetched beyond the longest look-back, so holidays, a missing day or a
    /// crossing's previous bar never starve the first decision (about a trading month).
    package static let priceHistoryMargin = 20

    /// The data a strategy needs, derived from its conditions; deduplicated and in a fixed order:
    /// price history first (every strategy trades on prices), then calculated indicators in order of
    /// first use, then alternative data (insider, Reddit, fundamentals, analysts, holdings).
    ///
    /// Unknown field names are skipped here; validation reports them.
    package static func dataRequirements(for strategy: TradingStrategy) -> [DataRequirement] {
        var maxBars = 0
        var calculated: [DataRequirement] = []
        var calculatedNames = Set<String>()
        // data_type → (source, longest window in calendar days, or nil for latest-value data)
        var external: [String: (source: DataRequirement.Source, days: Int?)] = [:]

        for condition in strategy.entryConditions + strategy.exitConditions {
            let crossing = condition.operator == .crossesAbove || condition.operator == .crossesBelow
            for name in condition.fieldsUsed {
                guard let field = Field(name: name) else { continue }
                let spec = spec(for: field)
                switch spec.lookback {
                case .bars(let bars):
                    // A crossing also reads the bar before the decision day.
                    maxBars = max(maxBars, bars + (crossing ? 1 : 0))
                case .calendarDays(let days):
                    let known = external[spec.dataType]?.days ?? 0
                    external[spec.dataType] = (spec.source, max(known, days))
                case .latestValue:
                    if external[spec.dataType] == nil { external[spec.dataType] = (spec.source, nil) }
                }
                if spec.source == .calculated, calculatedNames.insert(field.name).inserted {
                    calculated.append(DataRequirement(
                        source: .calculated, dataType: spec.dataType,
                        parameters: ["field": .string(field.name), "lookback_bars": .number(Double(spec.lookback.bars ?? 0))]))
                }
            }
        }

        var requirements = [
            DataRequirement(source: .fmp, dataType: "price_history",
                            parameters: ["period": .number(Double(maxBars + priceHistoryMargin))]),
        ]
        requirements += calculated
        for dataType in externalOrder {
            guard let (source, days) = external[dataType] else { continue }
            requirements.append(DataRequirement(
                source: source, dataType: dataType, parameters: days.map { ["days": .number(Double($0))] } ?? [:]))
        }
        return requirements
    }

    /// The longest look-back in bars among the fields a strategy reads (0 for price-only strategies).
    package static func maxLookbackBars(for strategy: TradingStrategy) -> Int {
        strategy.fieldsUsed.compactMap { Field(name: $0).flatMap { spec(for: $0).lookback.bars } }.max() ?? 0
    }

    static let externalOrder = ["insider_trading", "reddit_mentions", "key_metrics", "analyst_grades", "holdings"]
}
