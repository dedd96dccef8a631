import Foundation
import GRDB
import StrategyCore

/// The person's own trades, imported from their records.
extension StratStore {
    /// Adds trades for the user in one transaction (all or none) and returns them with their ids.
    @discardableResult
    package func addPortfolioTrades(_ trades: [PortfolioTrade], user: String) throws -> [PortfolioTrade] {
        try Self.checkPortfolioTrades(trades)
        return try write("adding portfolio trades") { db in
            try insertPortfolioTrades(trades, user: user, db)
        }
    }

    /// Replaces every trade the user imported from `source` with `trades`, in one transaction: when anything
    /// fails, the earlier import is still there. Returns how many rows were removed and the stored trades.
    package func replacePortfolioTrades(_ trades: [PortfolioTrade], user: String, source: String) throws
        -> (removed: Int, added: [PortfolioTrade])
    {
        try Self.checkPortfolioTrades(trades)
        return try write("replacing portfolio trades") { db in
            try db.execute(sql: "DELETE FROM portfolio_trades WHERE user_id = ? AND source = ?", arguments: [user, source])
            let removed = db.changesCount
            return (removed, try insertPortfolioTrades(trades, user: user, db))
        }
    }

    private static func checkPortfolioTrades(_ trades: [PortfolioTrade]) throws {
        for trade in trades {
            let what = "the \(trade.ticker) trade of \(trade.date.iso)"
            guard !trade.ticker.isEmpty else { throw StoreError.invalidInput(what: what, reason: "it has no ticker") }
            guard trade.shares.isFinite, trade.shares > 0 else {
                throw StoreError.invalidInput(what: what, reason: "its share count must be above zero")
            }
            guard trade.price.isFinite, trade.price > 0 else {
                throw StoreError.invalidInput(what: what, reason: "its price must be above zero")
            }
            guard trade.fees.isFinite, trade.fees >= 0 else {
                throw StoreError.invalidInput(what: what, reason: "its fees must be zero or more")
            }
        }
    }

    private func insertPortfolioTrades(_ trades: [PortfolioTrade], user: String, _ db: Database) throws -> [PortfolioTrade] {
        try ensureUser(user, db)
        let statement = try db.makeStatement(sql: """
            INSERT INTO portfolio_trades (user_id, trade_date, ticker, side, shares, price, fees, source, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let time = now()
        return try trades.map { trade in
            try statement.execute(arguments: [user, trade.date.iso, trade.ticker, trade.side.rawValue, trade.shares,
                                              trade.price, trade.fees, trade.source, time])
            var stored = trade
            stored.tradeId = db.lastInsertedRowID
            return stored
        }
    }

    /// The user's trades by date, then in the order they were added.
    package func portfolioTrades(user: String) throws -> [PortfolioTrade] {
        try read("reading portfolio trades") { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM portfolio_trades WHERE user_id = ? ORDER BY trade_date, trade_id", arguments: [user]
            ).map { row in
                let id: Int64 = row["trade_id"]
                let dayText: String = row["trade_date"]
                guard let day = Day(iso: dayText), let side = PortfolioTrade.Side(rawValue: row["side"]) else {
                    throw StoreError.unreadableRow(table: "portfolio_trades", id: "\(id)", reason: "its date or side is not valid")
                }
                return PortfolioTrade(tradeId: id, date: day, ticker: row["ticker"], side: side, shares: row["shares"],
                                      price: row["price"], fees: row["fees"], source: row["source"])
            }
        }
    }

    /// Removes all the user's trades that came from `source` (to re-import a file); returns how many.
    @discardableResult
    package func deletePortfolioTrades(user: String, source: String) throws -> Int {
        try write("deleting portfolio trades") { db in
            try db.execute(sql: "DELETE FROM portfolio_trades WHERE user_id = ? AND source = ?", arguments: [user, source])
            return db.changesCount
        }
    }
}
