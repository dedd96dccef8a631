import AgentLoop
import Foundation
import StrategyCore

/// What `optimize_strategy` returns (and `stratchat optimize --json` prints): the grid, the variants (the best
/// ones for the model, every one in grid order for scripts), the best, and the evidence on overfitting.
package struct OptimizeResult: DescribedResult, Decodable, Hashable, Sendable {
    /// The strategy, dates, universe and data notes (the best variant's warnings).
    package var run: RunHeader
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
    /// Left out of the JSON when absent.
    package var variantsShown, pboProblem: String?
    package var pboSplits, pboBlocks, savedVersion: Int?
    package var walkForward: WalkForwardSection?

    /// Each train window's pick trading the next test window, stitched; left out when not asked for.
    package struct WalkForwardSection: ModelResult, Decodable, Hashable, Sendable {
        package var trainMonths, testMonths: Int
        package var anchored: Bool
        package var windows: [Window]
        /// The test windows chained, in percent.
        package var outOfSampleReturnPct: Double?
        /// Out-of-sample annualised return over the mean in-sample annualised return of the picks.
        package var efficiency: Double?

        package struct Window: ModelResult, Decodable, Hashable, Sendable {
            package var trainStart, trainEnd, testStart, testEnd: String
            package var params: [String: Double]
            package var inSampleSharpe, inSampleReturnPct, outOfSampleSharpe, outOfSampleReturnPct: Double?

            enum CodingKeys: String, CodingKey {
                case trainStart = "train_start", trainEnd = "train_end", testStart = "test_start", testEnd = "test_end", params
                case inSampleSharpe = "in_sample_sharpe", inSampleReturnPct = "in_sample_return_pct"
                case outOfSampleSharpe = "out_of_sample_sharpe", outOfSampleReturnPct = "out_of_sample_return_pct"
            }

            static let schema = ObjectSchema(
                required: ["train_start": .string, "train_end": .string, "test_start": .string, "test_end": .string, "params": .map(.number)],
                nullable: ["in_sample_sharpe": .number, "in_sample_return_pct": .number, "out_of_sample_sharpe": .number,
                           "out_of_sample_return_pct": .number])
        }

        init(_ w: WalkForward.Result) {
            trainMonths = w.options.trainMonths
            testMonths = w.options.testMonths
            anchored = w.options.anchored
            windows = w.windows.map { x in
                Window(trainStart: x.trainStart.iso, trainEnd: x.trainEnd.iso, testStart: x.testStart.iso, testEnd: x.testEnd.iso,
                       params: Dictionary(zip(w.grid.axes.map(\.path), x.values)) { first, _ in first },
                       inSampleSharpe: modelFigure(x.inSample.sharpeRatio), inSampleReturnPct: modelFigure(x.inSample.totalReturnPct),
                       outOfSampleSharpe: modelFigure(x.outOfSample.sharpeRatio), outOfSampleReturnPct: modelFigure(x.outOfSample.totalReturnPct))
            }
            outOfSampleReturnPct = modelFigure(w.outOfSampleReturnPct)
            efficiency = modelFigure(w.efficiency)
        }

        enum CodingKeys: String, CodingKey {
            case trainMonths = "train_months", testMonths = "test_months", anchored, windows
            case outOfSampleReturnPct = "out_of_sample_return_pct", efficiency
        }

        static let schema = ObjectSchema(
            required: ["train_months": .integer, "test_months": .integer, "anchored": .boolean, "windows": .array(.object(Window.schema))],
            nullable: ["out_of_sample_return_pct": .number, "efficiency": .number])
    }

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
        run = RunHeader(strategy: o.strategy, start: sweep.start, end: sweep.end, plan: o.plan, warnings: sweep.bestBacktest.warnings)
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
        variantsShown = !allVariants && sweep.variants.count > chosen.count
            ? "the best \(chosen.count) of \(sweep.variants.count) by \(sweep.objective.rawValue)" : nil
        pboProblem = sweep.pboProblem
        pboSplits = sweep.overfitting.map { $0.logits.count }
        pboBlocks = sweep.overfitting.map(\.blocks)
        savedVersion = o.savedVersion.map(\.version)
        walkForward = o.walkForward.map(WalkForwardSection.init)
    }

    enum CodingKeys: String, CodingKey {
        case objective, grid, variantCount = "variant_count", variants, best, bestParams = "best_params", pbo
        case probabilisticSharpeRatio = "probabilistic_sharpe_ratio", deflatedSharpeRatio = "deflated_sharpe_ratio", trials
        case minTrackRecordLength = "min_track_record_length", note, variantsShown = "variants_shown", pboProblem = "pbo_problem"
        case pboSplits = "pbo_splits", pboBlocks = "pbo_blocks", savedVersion = "saved_version", walkForward = "walk_forward"
    }

    package static let outputSchema = ValueSchema.object(RunHeader.schema.adding(ObjectSchema(required: [
        "objective": .string, "grid": .array(.object(Axis.schema)), "variant_count": .integer,
        "variants": .array(.object(Variant.schema)), "best": .integer, "best_params": .map(.number), "trials": .integer,
        "note": .string,
    ], nullable: [
        "pbo": .number, "probabilistic_sharpe_ratio": .number, "deflated_sharpe_ratio": .number,
        "min_track_record_length": .number,
    ], optional: [
        "variants_shown": .string, "pbo_problem": .string, "pbo_splits": .integer, "pbo_blocks": .integer,
        "saved_version": .integer, "walk_forward": .object(WalkForwardSection.schema),
    ])))

    package init(from decoder: any Decoder) throws {
        run = try RunHeader(from: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        objective = try c.decode(String.self, forKey: .objective)
        grid = try c.decode([Axis].self, forKey: .grid)
        variantCount = try c.decode(Int.self, forKey: .variantCount)
        variants = try c.decode([Variant].self, forKey: .variants)
        best = try c.decode(Int.self, forKey: .best)
        bestParams = try c.decode([String: Double].self, forKey: .bestParams)
        pbo = try c.decodeIfPresent(Double.self, forKey: .pbo)
        probabilisticSharpeRatio = try c.decodeIfPresent(Double.self, forKey: .probabilisticSharpeRatio)
        deflatedSharpeRatio = try c.decodeIfPresent(Double.self, forKey: .deflatedSharpeRatio)
        trials = try c.decode(Int.self, forKey: .trials)
        minTrackRecordLength = try c.decodeIfPresent(Double.self, forKey: .minTrackRecordLength)
        note = try c.decode(String.self, forKey: .note)
        variantsShown = try c.decodeIfPresent(String.self, forKey: .variantsShown)
        pboProblem = try c.decodeIfPresent(String.self, forKey: .pboProblem)
        pboSplits = try c.decodeIfPresent(Int.self, forKey: .pboSplits)
        pboBlocks = try c.decodeIfPresent(Int.self, forKey: .pboBlocks)
        savedVersion = try c.decodeIfPresent(Int.self, forKey: .savedVersion)
        walkForward = try c.decodeIfPresent(WalkForwardSection.self, forKey: .walkForward)
    }

    package func encode(to encoder: any Encoder) throws {
        try run.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
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
        if let variantsShown { try c.encode(variantsShown, forKey: .variantsShown) }
        if let pboProblem { try c.encode(pboProblem, forKey: .pboProblem) }
        if let pboSplits { try c.encode(pboSplits, forKey: .pboSplits) }
        if let pboBlocks { try c.encode(pboBlocks, forKey: .pboBlocks) }
        if let savedVersion { try c.encode(savedVersion, forKey: .savedVersion) }
        if let walkForward { try c.encode(walkForward, forKey: .walkForward) }
    }
}
