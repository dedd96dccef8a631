import Foundation
import GRDB
import StrategyCore

/// A strategy's latest parameter sweep as the report shows it: the grid, every variant's figures in grid order,
/// the pick with its overfitting evidence, and the walk-forward windows when the sweep walked forward.
/// Figures that were not finite are stored as nil.
package struct StoredSweep: Codable, Hashable, Sendable {
    package struct Axis: Codable, Hashable, Sendable {
        package var path: String
        package var values: [Double]
    }

    package struct Variant: Codable, Hashable, Sendable {
        package var values: [Double]
        package var sharpeRatio, totalReturnPct, maxDrawdownPct: Double?
        package var totalTrades: Int
    }

    /// One train window's pick and how it did there and in the test window after it.
    package struct Window: Codable, Hashable, Sendable {
        package var trainStart, trainEnd, testStart, testEnd: Day
        package var values: [Double]
        package var inSampleSharpe, inSampleReturnPct, outOfSampleSharpe, outOfSampleReturnPct: Double?
    }

    package struct WalkForwardRun: Codable, Hashable, Sendable {
        package var trainMonths, testMonths: Int
        package var anchored: Bool
        package var windows: [Window]
        package var outOfSampleReturnPct, efficiency: Double?
    }

    /// The strategy version swept.
    package var version: Int
    package var start, end: Day
    package var objective: ParameterSweep.Objective
    package var axes: [Axis]
    package var variants: [Variant]
    /// The chosen variant's index in `variants`.
    package var best: Int
    package var pbo, deflatedSharpeRatio: Double?
    package var walkForward: WalkForwardRun?
}

extension StoredSweep {
    package init(_ sweep: ParameterSweep.Result, walkForward walk: WalkForward.Result?, version: Int) {
        self.version = version
        start = sweep.start
        end = sweep.end
        objective = sweep.objective
        axes = sweep.grid.axes.map { Axis(path: $0.path, values: $0.values) }
        variants = sweep.variants.map { v in
            Variant(values: v.values, sharpeRatio: finite(v.metrics.sharpeRatio), totalReturnPct: finite(v.metrics.totalReturnPct),
                    maxDrawdownPct: finite(v.metrics.maxDrawdownPct), totalTrades: v.metrics.totalTrades)
        }
        best = sweep.best
        pbo = finite(sweep.overfitting?.pbo)
        deflatedSharpeRatio = finite(sweep.bestStatistics?.deflatedSharpeRatio)
        walkForward = walk.map { w in
            WalkForwardRun(
                trainMonths: w.options.trainMonths, testMonths: w.options.testMonths, anchored: w.options.anchored,
                windows: w.windows.map { x in
                    Window(trainStart: x.trainStart, trainEnd: x.trainEnd, testStart: x.testStart, testEnd: x.testEnd, values: x.values,
                           inSampleSharpe: finite(x.inSample.sharpeRatio), inSampleReturnPct: finite(x.inSample.totalReturnPct),
                           outOfSampleSharpe: finite(x.outOfSample.sharpeRatio), outOfSampleReturnPct: finite(x.outOfSample.totalReturnPct))
                },
                outOfSampleReturnPct: finite(w.outOfSampleReturnPct), efficiency: finite(w.efficiency))
        }
    }
}

private func finite(_ value: Double?) -> Double? {
    value.flatMap { $0.isFinite ? $0 : nil }
}

extension StratStore {
    /// Keeps `sweep` as the strategy's latest, replacing the one before.
    package func saveSweep(_ sweep: StoredSweep, strategyId: String, user: String) throws {
        let json = String(decoding: try JSONEncoder().encode(sweep), as: UTF8.self)
        try write("storing the sweep") { db in
            guard try ownsStrategy(strategyId, user: user, db) else {
                throw StoreError.notFound(kind: "strategy", reference: strategyId)
            }
            try db.execute(
                sql: """
                    INSERT INTO strategy_sweeps (strategy_id, user_id, strategy_version, sweep, created_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (strategy_id, user_id) DO UPDATE SET strategy_version = excluded.strategy_version,
                        sweep = excluded.sweep, created_at = excluded.created_at
                    """,
                arguments: [strategyId, user, sweep.version, json, now()])
        }
    }

    /// The user's latest sweep of the strategy; nil when it was never swept.
    package func latestSweep(strategyId: String, user: String) throws -> StoredSweep? {
        let json = try read("reading the sweep") { db in
            guard try ownsStrategy(strategyId, user: user, db) else {
                throw StoreError.notFound(kind: "strategy", reference: strategyId)
            }
            return try String.fetchOne(db, sql: "SELECT sweep FROM strategy_sweeps WHERE strategy_id = ? AND user_id = ?",
                                       arguments: [strategyId, user])
        }
        guard let json else { return nil }
        do {
            return try JSONDecoder().decode(StoredSweep.self, from: Data(json.utf8))
        } catch {
            throw StoreError.unreadableRow(table: "strategy_sweeps", id: strategyId, reason: error.localizedDescription)
        }
    }
}
