import Foundation
import GRDB
import StrategyCore

/// Whether a linked account's orders go to the broker as the scan makes them, or wait for the person's approval.
package enum PaperApprovalMode: String, Codable, Hashable, Sendable, CaseIterable {
    case auto
    case approve
}

/// A paper account's link to a broker's paper API. Only the broker's name and the mode are kept: the keys stay in
/// the environment.
package struct PaperBrokerLink: Hashable, Sendable {
    package var accountId: String
    package var broker: String
    package var approval: PaperApprovalMode
    package var linkedAt: Date
}

/// One order of a linked account as sent to (or held for) the broker, with the broker's answer.
package struct PaperBrokerOrder: Hashable, Sendable {
    package enum Status: String, Codable, Hashable, Sendable {
        /// Waiting for `/approve` (approve mode).
        case awaitingApproval = "awaiting_approval"
        /// Approved, not yet accepted by the broker (the window was missed or the broker did not answer).
        case approved
        /// Accepted by the broker; read back on the next scan.
        case submitted
        /// Outside the broker's market-on-open window, or a day bracket while the market is open (the open has
        /// passed); sent again by the next scan while the open is still ahead.
        case missedWindow = "missed_window"
        /// Refused by the broker at submission (buying power, a field it will not take).
        case refused
        /// The broker could not be reached or answered with an error; sent again by the next scan.
        case failed
        /// Its open passed before it was approved or sent.
        case expired
        /// Read back after the open and compared with the simulation; nothing more will change.
        case reconciled
    }

    /// The number the person approves it by (`/approve 12`), unique across the user's accounts.
    package var seq: Int
    package var accountId: String
    /// The paper order it mirrors (`PaperOrder.id`).
    package var orderId: String
    package var clientOrderId: String
    package var ticker: String
    package var side: String
    package var qty: Int
    package var takeProfit: Double?
    package var stopLoss: Double?
    package var decidedOn: Day
    package var status: Status
    package var brokerOrderId: String?
    package var brokerStatus: String?
    package var filledQty: String?
    package var filledAvgPrice: String?
    /// The broker's refusal, the missed window, or the differences found on reconciliation.
    package var message: String?

    package init(accountId: String, orderId: String, clientOrderId: String, ticker: String, side: String, qty: Int,
                 takeProfit: Double?, stopLoss: Double?, decidedOn: Day, status: Status) {
        seq = 0
        self.accountId = accountId
        self.orderId = orderId
        self.clientOrderId = clientOrderId
        self.ticker = ticker
        self.side = side
        self.qty = qty
        self.takeProfit = takeProfit
        self.stopLoss = stopLoss
        self.decidedOn = decidedOn
        self.status = status
    }
}

/// Links of paper accounts to a broker and the orders sent there.
extension StratStore {
    /// Links the account (or changes its mode when linked already). Refuses while another account of the user is
    /// linked: the keys come from the environment, so every link reaches the same broker account, where two
    /// accounts' positions would mix.
    package func linkPaperAccount(_ accountId: String, user: String, broker: String, approval: PaperApprovalMode) throws {
        try write("linking a paper account to a broker") { db in
            try checkLinkFree(accountId, user: user, db)
            try db.execute(
                sql: """
                    INSERT INTO paper_broker_links (account_id, broker, approval_mode, linked_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT(account_id) DO UPDATE SET broker = excluded.broker, approval_mode = excluded.approval_mode
                    """,
                arguments: [accountId, broker, approval.rawValue, now()])
        }
    }

    /// Throws `StoreError.otherAccountLinked` when another account of the user is linked, so the check can come
    /// before the broker is asked anything.
    package func checkPaperAccountLinkFree(_ accountId: String, user: String) throws {
        try read("checking a paper account's broker link") { db in try checkLinkFree(accountId, user: user, db) }
    }

    private func checkLinkFree(_ accountId: String, user: String, _ db: Database) throws {
        guard let account = try account(id: accountId, user: user, db) else {
            throw StoreError.notFound(kind: "paper account", reference: accountId)
        }
        let linked = try Row.fetchOne(db, sql: """
            SELECT a.name, l.broker FROM paper_broker_links l JOIN paper_accounts a ON a.account_id = l.account_id
            WHERE a.user_id = ? AND l.account_id <> ? ORDER BY l.linked_at, a.rowid LIMIT 1
            """, arguments: [user, accountId])
        if let linked { throw StoreError.otherAccountLinked(account: account.name, linked: linked["name"], broker: linked["broker"]) }
    }

    /// Unlinks the account: later scans trade it locally only. Orders already sent stay recorded.
    package func unlinkPaperAccount(_ accountId: String, user: String) throws {
        try write("unlinking a paper account") { db in
            guard try account(id: accountId, user: user, db) != nil else {
                throw StoreError.notFound(kind: "paper account", reference: accountId)
            }
            try db.execute(sql: "DELETE FROM paper_broker_links WHERE account_id = ?", arguments: [accountId])
        }
    }

    package func paperBrokerLink(_ accountId: String, user: String) throws -> PaperBrokerLink? {
        try read("reading a paper account's broker link") { db in
            guard try account(id: accountId, user: user, db) != nil,
                  let row = try Row.fetchOne(db, sql: "SELECT * FROM paper_broker_links WHERE account_id = ?", arguments: [accountId])
            else { return nil }
            return PaperBrokerLink(accountId: accountId, broker: row["broker"],
                                   approval: PaperApprovalMode(rawValue: row["approval_mode"]) ?? .approve, linkedAt: row["linked_at"])
        }
    }

    /// The account's broker orders, in the order they were made; only those of `statuses` when given.
    package func paperBrokerOrders(accountId: String, user: String, statuses: Set<PaperBrokerOrder.Status>? = nil) throws -> [PaperBrokerOrder] {
        try read("reading broker orders") { db in
            guard try account(id: accountId, user: user, db) != nil else { return [] }
            return try Row.fetchAll(db, sql: "SELECT * FROM paper_broker_orders WHERE account_id = ? ORDER BY broker_seq",
                                    arguments: [accountId])
                .compactMap(Self.brokerOrder(from:)).filter { statuses?.contains($0.status) ?? true }
        }
    }

    /// Inserts a new broker order (its `seq` is assigned) or updates the one with its `seq`; returns it as stored.
    @discardableResult
    package func savePaperBrokerOrder(_ order: PaperBrokerOrder, user: String) throws -> PaperBrokerOrder {
        try write("saving a broker order") { db in
            guard try account(id: order.accountId, user: user, db) != nil else {
                throw StoreError.notFound(kind: "paper account", reference: order.accountId)
            }
            let at = now()
            if order.seq == 0 {
                try db.execute(
                    sql: """
                        INSERT INTO paper_broker_orders (account_id, order_id, client_order_id, ticker, side, qty, take_profit,
                            stop_loss, decided_on, status, broker_order_id, broker_status, filled_qty, filled_avg_price, message,
                            created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [order.accountId, order.orderId, order.clientOrderId, order.ticker, order.side, order.qty,
                                order.takeProfit, order.stopLoss, order.decidedOn.iso, order.status.rawValue, order.brokerOrderId,
                                order.brokerStatus, order.filledQty, order.filledAvgPrice, order.message, at, at])
                var saved = order
                saved.seq = Int(db.lastInsertedRowID)
                return saved
            }
            try db.execute(
                sql: """
                    UPDATE paper_broker_orders SET status = ?, broker_order_id = ?, broker_status = ?, filled_qty = ?,
                        filled_avg_price = ?, message = ?, updated_at = ?
                    WHERE broker_seq = ? AND account_id = ?
                    """,
                arguments: [order.status.rawValue, order.brokerOrderId, order.brokerStatus, order.filledQty, order.filledAvgPrice,
                            order.message, at, order.seq, order.accountId])
            return order
        }
    }

    static func brokerOrder(from r: Row) -> PaperBrokerOrder? {
        guard let day = Day(iso: r["decided_on"] as String), let status = PaperBrokerOrder.Status(rawValue: r["status"]) else { return nil }
        var order = PaperBrokerOrder(accountId: r["account_id"], orderId: r["order_id"], clientOrderId: r["client_order_id"],
                                     ticker: r["ticker"], side: r["side"], qty: r["qty"], takeProfit: r["take_profit"],
                                     stopLoss: r["stop_loss"], decidedOn: day, status: status)
        order.seq = r["broker_seq"]
        order.brokerOrderId = r["broker_order_id"]
        order.brokerStatus = r["broker_status"]
        order.filledQty = r["filled_qty"]
        order.filledAvgPrice = r["filled_avg_price"]
        order.message = r["message"]
        return order
    }
}
