import AgentLoop
import Foundation
import StrategyCore

/// What `optimize_strategy` returns (and `stratchat optimize --json` prints): the grid, the variants (the best
/// ones for the model, every one in grid order for scripts), the best, and the evidence on overfitting.
package struct OptimizeResult: DescribedResult, Decodable, Hashable, Sendable {
    package var strategyId, strategyName: String
    package var strategyVersion: Int
    package var startDate, endDate, universe: String
    package var tickers: Int
    package var objective: String
    package var grid: [Axis]
    package var variantCount: Int
    package var variants: [Variant]
    /// The best variant's index in grid order.
    package var best: Int
    package var bestParams: [String: Double]
    package var pbo, probabilisticSharpeRatio, deflatedSharpeRatio: Double?
    package var trials: Int
    package var minTrackRecordLength: Double?
    package var note: String
    package var warnings, rangeNotes, syntheticData: [String]
    /// Left out of the JSON when absent.
    package var variantsShown, pboProblem: String?
    package var pboSplits, pboBlocks, savedVersion: Int?

    package struct Axis: ModelResult, Decodable, Hashable, Sendable {
        package var path: String
        package var values: [Double]

        static let schema = ObjectSchema(required: ["path": .string, "values": .array(.number)])
    }

    package struct Variant: ModelResult, Decodable, Hashable, Sendable {
        package var index: Int
        package var params: [String: Double]
        package var sharpeRatio, totalReturnPct, maxDrawdownPct: Double?
        package var totalTrades: Int

        init(_ v: ParameterSweep.Variant, grid: ParameterGrid) {
            index = v.index
            params = OptimizeResult.params(v, grid: grid)
            sharpeRatio = modelFigure(v.metrics.sharpeRatio)
            totalReturnPct = modelFigure(v.metrics.totalReturnPct)
            maxDrawdownPct = modelFigure(v.metrics.maxDrawdownPct)
            totalTrades = v.metrics.totalTrades
        }

        enum CodingKeys: String, CodingKey {
            case index, params, sharpeRatio = "sharpe_ratio", totalReturnPct = "total_return_pct"
            case maxDrawdownPct = "max_drawdown_pct", totalTrades = "total_trades"
        }

        static let schema = ObjectSchema(required: ["index": .integer, "params": .map(.number), "total_trades": .integer],
                                         nullable: ["sharpe_ratio": .number, "total_return_pct": .number, "max_drawdown_pct": .number])
    }

    /// The variant's values by the grid's paths.
    static func params(_ v: ParameterSweep.Variant, grid: ParameterGrid) -> [String: Double] {
        Dictionary(zip(grid.axes.map(\.path), v.values)) { first, _ in first }
    }

    /// The model reads the best `OptimizePresenter.modelVariants`; scripts get every variant in grid order, so
    /// `best` indexes `variants`.
    init(_ o: OptimizeOutcome, allVariants: Bool) {
        let sweep = o.sweep
        let chosen = allVariants ? sweep.variants : Array(OptimizePresenter.ranked(sweep).prefix(OptimizePresenter.modelVariants))
        (strategyId, strategyVersion) = StrategyToolbox.idAndVersion(o.strategy)
        strategyName = o.strategy.name
        startDate = sweep.start.iso
        endDate = sweep.end.iso
        universe = o.plan.universe.name
        tickers = o.plan.universe.tickers.count
        objective = sweep.objective.rawValue
        grid = sweep.grid.axes.map { Axis(path: $0.path, values: $0.values) }
        variantCount = sweep.variants.count
        variants = chosen.map { Variant($0, grid: sweep.grid) }
        best = sweep.best
        bestParams = Self.params(sweep.variants[sweep.best], grid: sweep.grid)
        pbo = modelFigure(sweep.overfitting?.pbo, 4)
        probabilisticSharpeRatio = modelFigure(sweep.bestStatistics?.probabilisticSharpeRatio, 4)
        deflatedSharpeRatio = modelFigure(sweep.bestStatistics?.deflatedSharpeRatio, 4)
        trials = sweep.variants.count
        minTrackRecordLength = modelFigure(sweep.bestStatistics?.minTrackRecordLength, 1)
        note = OptimizePresenter.note(o)
        warnings = sweep.bestBacktest.warnings
        rangeNotes = o.plan.rangeNotes
        syntheticData = o.plan.external.syntheticLabels
        variantsShown = !allVariants && sweep.variants.count > chosen.count
            ? "the best \(chosen.count) of \(sweep.variants.count) by \(sweep.objective.rawValue)" : nil
        pboProblem = sweep.pboProblem
        pboSplits = sweep.overfitting.map { $0.logits.count }
        pboBlocks = sweep.overfitting.map(\.blocks)
        savedVersion = o.savedVersion.map { $0.version ?? 0 }
    }

    enum CodingKeys: String, CodingKey {
        case strategyId = "strategy_id", strategyName = "strategy_name", strategyVersion = "strategy_version"
        case startDate = "start_date", endDate = "end_date", universe, tickers, objective, grid
        case variantCount = "variant_count", variants, best, bestParams = "best_params", pbo
        case probabilisticSharpeRatio = "probabilistic_sharpe_ratio", deflatedSharpeRatio = "deflated_sharpe_ratio", trials
        case minTrackRecordLength = "min_track_record_length", note, warnings, rangeNotes = "range_notes"
        case syntheticData = "synthetic_data", variantsShown = "variants_shown", pboProblem = "pbo_problem"
        case pboSplits = "pbo_splits", pboBlocks = "pbo_blocks", savedVersion = "saved_version"
    }

    package static let outputSchema = ValueSchema.object(ObjectSchema(required: [
        "strategy_id": .string, "strategy_name": .string, "strategy_version": .integer, "start_date": .string,
        "end_date": .string, "universe": .string, "tickers": .integer, "objective": .string,
        "grid": .array(.object(Axis.schema)), "variant_count": .integer, "variants": .array(.object(Variant.schema)),
        "best": .integer, "best_params": .map(.number), "trials": .integer, "note": .string,
        "warnings": .array(.string), "range_notes": .array(.string), "synthetic_data": .array(.string),
    ], nullable: [
        "pbo": .number, "probabilistic_sharpe_ratio": .number, "deflated_sharpe_ratio": .number,
        "min_track_record_length": .number,
    ], optional: [
        "variants_shown": .string, "pbo_problem": .string, "pbo_splits": .integer, "pbo_blocks": .integer,
        "saved_version": .integer,
    ]))

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(strategyId, forKey: .strategyId)
        try c.encode(strategyName, forKey: .strategyName)
        try c.encode(strategyVersion, forKey: .strategyVersion)
        try c.encode(startDate, forKey: .startDate)
        try c.encode(endDate, forKey: .endDate)
        try c.encode(universe, forKey: .universe)
        try c.encode(tickers, forKey: .tickers)
        try c.encode(objective, forKey: .objective)
        try c.encode(grid, forKey: .grid)
        try c.encode(variantCount, forKey: .variantCount)
        try c.encode(variants, forKey: .variants)
        try c.encode(best, forKey: .best)
        try c.encode(bestParams, forKey: .bestParams)
        try c.encodeIfPresent(pbo, forKey: .pbo)
        try c.encodeIfPresent(probabilisticSharpeRatio, forKey: .probabilisticSharpeRatio)
        try c.encodeIfPresent(deflatedSharpeRatio, forKey: .deflatedSharpeRatio)
        try c.encode(trials, forKey: .trials)
        try c.encodeIfPresent(minTrackRecordLength, forKey: .minTrackRecordLength)
        try c.encode(note, forKey: .note)
        try c.encode(warnings, forKey: .warnings)
        try c.encode(rangeNotes, forKey: .rangeNotes)
        try c.encode(syntheticData, forKey: .syntheticData)
        if let variantsShown { try c.encode(variantsShown, forKey: .variantsShown) }
        if let pboProblem { try c.encode(pboProblem, forKey: .pboProblem) }
        if let pboSplits { try c.encode(pboSplits, forKey: .pboSplits) }
        if let pboBlocks { try c.encode(pboBlocks, forKey: .pboBlocks) }
        if let savedVersion { try c.encode(savedVersion, forKey: .savedVersion) }
    }
}
