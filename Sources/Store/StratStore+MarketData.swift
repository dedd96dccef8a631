import Foundation
import GRDB
import StrategyCore

/// Market data shared by all users: fetched responses, daily bars and request counts.
/// None of it is personal, so none of it is scoped by user.
extension StratStore {
    /// The cached response for `key` of `source`, with when it was fetched, or nil.
    package func cachedPayload(source: String, key: String) throws -> CachedPayload? {
        try read("reading the market data cache") { db in
            try Row.fetchOne(
                db, sql: "SELECT payload, fetched_at FROM market_data_cache WHERE source = ? AND key = ?",
                arguments: [source, key]
            ).map { CachedPayload(payload: $0["payload"], fetchedAt: $0["fetched_at"]) }
        }
    }

    /// Stores (or replaces) a fetched response.
    package func putCachedPayload(source: String, key: String, payload: Data, fetchedAt: Date) throws {
        try write("writing the market data cache") { db in
            try db.execute(
                sql: """
                    INSERT INTO market_data_cache (source, key, fetched_at, payload) VALUES (?, ?, ?, ?)
                    ON CONFLICT(source, key) DO UPDATE SET fetched_at = excluded.fetched_at, payload = excluded.payload
                    """,
                arguments: [source, key, fetchedAt, payload])
        }
    }

    /// Replaces every bar of `series.ticker` from `source` with `series`, in one transaction.
    package func replaceBars(source: String, series: PriceSeries) throws -> (removed: Int, inserted: Int) {
        try replaceBars(source: source, series: [series])
    }

    /// Replaces the bars of each ticker in `series` (a whole import) in one transaction, so an import
    /// of hundreds of tickers is all or nothing.
    ///
    /// Rows go in through prepared statements of `barsPerStatement` rows each: binding one bar per
    /// statement was measured about 1.8 times slower, the difference being per-call overhead.
    package func replaceBars(source: String, series: [PriceSeries]) throws -> (removed: Int, inserted: Int) {
        for one in series { try Self.validate(one) }
        return try write("storing price bars") { db in
            let delete = try db.makeStatement(sql: "DELETE FROM price_bars WHERE source = ? AND ticker = ?")
            var statements: [Int: Statement] = [:]
            func insert(rows: Int) throws -> Statement {
                if let statement = statements[rows] { return statement }
                let values = Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?)", count: rows).joined(separator: ", ")
                let statement = try db.makeStatement(
                    sql: "INSERT INTO price_bars (source, ticker, day, open, high, low, close, volume, close_only) VALUES \(values)")
                statements[rows] = statement
                return statement
            }
            var removed = 0, inserted = 0
            var values: [DatabaseValue] = []
            values.reserveCapacity(Self.barsPerStatement * 9)
            for one in series {
                try delete.execute(arguments: [source, one.ticker])
                removed += db.changesCount
                let sourceValue = source.databaseValue, tickerValue = one.ticker.databaseValue
                var start = 0
                while start < one.count {
                    let end = min(start + Self.barsPerStatement, one.count)
                    values.removeAll(keepingCapacity: true)
                    for i in start..<end {
                        values += [sourceValue, tickerValue, Int64(one.days[i].serial).databaseValue,
                                   one.open[i].databaseValue, one.high[i].databaseValue, one.low[i].databaseValue,
                                   one.close[i].databaseValue, one.volume[i].databaseValue, one.isCloseOnly(i).databaseValue]
                    }
                    let statement = try insert(rows: end - start)
                    statement.setUncheckedArguments(StatementArguments(values))
                    try statement.execute()
                    start = end
                }
                inserted += one.count
            }
            return (removed, inserted)
        }
    }

    /// Bars bound per INSERT: 100 rows × 9 columns stays far below SQLite's 32,766-parameter limit.
    static let barsPerStatement = 100

    /// The stored bars of one ticker from `source`, optionally within `from...to`; nil when there are none.
    package func bars(source: String, ticker: String, from: Day? = nil, to: Day? = nil) throws -> PriceSeries? {
        try read("reading price bars") { db in
            var series = PriceSeries(ticker: ticker)
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT day, open, high, low, close, volume, close_only FROM price_bars
                    WHERE source = ? AND ticker = ? AND day >= ? AND day <= ? ORDER BY day
                    """,
                arguments: [source, ticker, Int64(from?.serial ?? Int32.min), Int64(to?.serial ?? Int32.max)])
            while let row = try rows.next() {
                series.append(day: Day(serial: Int32(row[0] as Int64)), open: row[1], high: row[2], low: row[3],
                              close: row[4], volume: row[5], closeOnly: row[6])
            }
            return series.isEmpty ? nil : series
        }
    }

    /// Every stored series of `source`, by ticker, read in one pass (loading a whole universe).
    package func allBars(source: String) throws -> [PriceSeries] {
        try read("reading price bars") { db in
            var result: [PriceSeries] = []
            let rows = try Row.fetchCursor(
                db, sql: "SELECT ticker, day, open, high, low, close, volume, close_only FROM price_bars WHERE source = ? ORDER BY ticker, day",
                arguments: [source])
            while let row = try rows.next() {
                let ticker: String = row[0]
                if result.last?.ticker != ticker { result.append(PriceSeries(ticker: ticker)) }
                result[result.count - 1].append(
                    day: Day(serial: Int32(row[1] as Int64)), open: row[2], high: row[3], low: row[4], close: row[5],
                    volume: row[6], closeOnly: row[7])
            }
            return result
        }
    }

    /// What is stored, per source and ticker, for `data info`.
    package func storedSeries() throws -> [StoredSeriesSummary] {
        try read("summarising price bars") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT source, ticker, MIN(day) AS first, MAX(day) AS last, COUNT(*) AS count
                    FROM price_bars GROUP BY source, ticker ORDER BY source, ticker
                    """
            ).map { row in
                StoredSeriesSummary(
                    source: row["source"], ticker: row["ticker"], first: Day(serial: Int32(row["first"] as Int64)),
                    last: Day(serial: Int32(row["last"] as Int64)), count: row["count"])
            }
        }
    }

    /// Counts one request to `source` on `day` (for a daily limit) and returns the day's count so far.
    @discardableResult
    package func recordRequest(source: String, day: Day) throws -> Int {
        try write("counting an API request") { db in
            try Int.fetchOne(
                db,
                sql: """
                    INSERT INTO api_usage (source, day, requests) VALUES (?, ?, 1)
                    ON CONFLICT(source, day) DO UPDATE SET requests = requests + 1
                    RETURNING requests
                    """,
                arguments: [source, Int64(day.serial)]) ?? 0
        }
    }

    /// Requests made to `source` on `day` (0 when none).
    package func requestCount(source: String, day: Day) throws -> Int {
        try read("reading API usage") { db in
            try Int.fetchOne(
                db, sql: "SELECT requests FROM api_usage WHERE source = ? AND day = ?", arguments: [source, Int64(day.serial)]
            ) ?? 0
        }
    }

    /// Refuses a series the table could not hold faithfully: ragged columns, unsorted or repeated
    /// days, or prices that are not numbers.
    static func validate(_ series: PriceSeries) throws {
        let what = "the \(series.ticker) bars"
        let n = series.days.count
        guard !series.ticker.isEmpty else { throw StoreError.invalidInput(what: "price bars", reason: "the series has no ticker") }
        guard [series.open.count, series.high.count, series.low.count, series.close.count, series.volume.count]
            .allSatisfy({ $0 == n })
        else {
            throw StoreError.invalidInput(what: what, reason: "the columns have different lengths")
        }
        for i in 0..<n {
            if i > 0, series.days[i] <= series.days[i - 1] {
                throw StoreError.invalidInput(what: what, reason: "the days are not strictly increasing at \(series.days[i].iso)")
            }
            let values = [series.open[i], series.high[i], series.low[i], series.close[i], series.volume[i]]
            if !values.allSatisfy(\.isFinite) {
                throw StoreError.invalidInput(what: what, reason: "the bar of \(series.days[i].iso) holds a value that is not a number")
            }
        }
    }
}
