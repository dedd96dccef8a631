import Foundation
import Networking
import Store
import StrategyCore

/// A linked account's part of the scan: read back what was sent and compare it with the simulation, then send (or
/// hold for approval) the orders the simulation placed for the next open.
extension PaperBroker {
    /// An order's size at the broker, worked out at the decision's close by the strategy's own rules.
    package struct Sizing: Hashable, Sendable {
        package var qty: Int
        package var stopLoss: Double?
        package var takeProfit: Double?

        package init(qty: Int, stopLoss: Double?, takeProfit: Double?) {
            self.qty = qty
            self.stopLoss = stopLoss
            self.takeProfit = takeProfit
        }
    }

    /// What the broker step said: lines for the log, and problems (a failure to reach Alpaca, a refusal, a missed
    /// window, a difference from the simulation) that also go to stderr.
    package struct ScanOutcome: Sendable {
        package var lines: [String] = []
        package var problems: [String] = []
        package var differences: [AlpacaReconciliation.Difference] = []
        package var sent = 0
        package var held = 0
        /// Orders not sent (no keys, no answer, a refusal, a missed window) and read-backs that failed.
        package var failures = 0
    }

    /// Runs after the account's days are saved, so nothing here can lose the scan's results; every failure is
    /// reported and left for the next scan.
    /// - Parameter size: the broker size of a waiting order, nil when not one share can be bought.
    package func scanStep(account: PaperAccount, book: PaperBook, size: (PaperOrder) -> Sizing?) async -> ScanOutcome {
        var outcome = ScanOutcome()
        let label = "\(user) paper account \"\(account.name)\" at Alpaca"
        func problem(_ text: String) {
            outcome.failures += 1
            outcome.problems.append("\(label): \(text)")
            outcome.lines.append("\(label): \(text)")
        }
        let link: PaperBrokerLink
        let client: AlpacaClient
        do {
            guard let found = try store.paperBrokerLink(account.id, user: user) else { return outcome }
            link = found
            client = try self.client()
        } catch {
            problem("\(error.localizedDescription) Nothing was sent; the local paper record is saved.")
            return outcome
        }
        do {
            try await reconcile(account: account, book: book, client: client, label: label, outcome: &outcome)
        } catch {
            problem("could not read orders back (\(error.localizedDescription)); the next scan tries again.")
        }
        do {
            try await place(account: account, book: book, link: link, client: client, size: size, outcome: &outcome)
        } catch {
            problem("\(error.localizedDescription); the orders not sent are sent by the next scan.")
        }
        if outcome.sent + outcome.held > 0 {
            outcome.lines.append("\(label) (\(link.approval.rawValue) mode, paper trading): \(outcome.sent) sent for the next open"
                + (outcome.held > 0 ? ", \(outcome.held) waiting for /approve" : ""))
        }
        return outcome
    }

    /// Sends the waiting orders of this scan, or holds them in approve mode; expires those whose open passed unsent.
    func place(account: PaperAccount, book: PaperBook, link: PaperBrokerLink, client: AlpacaClient,
               size: (PaperOrder) -> Sizing?, outcome: inout ScanOutcome) async throws {
        let pending = Dictionary(book.pendingOrders.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var rows = Dictionary(try store.paperBrokerOrders(accountId: account.id, user: user).map { ($0.orderId, $0) },
                              uniquingKeysWith: { a, _ in a })
        for var row in rows.values.sorted(by: { $0.seq < $1.seq })
        where [.awaitingApproval, .approved, .missedWindow, .failed].contains(row.status) && pending[row.orderId] == nil {
            row.status = .expired
            row.message = "its open passed before it was sent"
            rows[row.orderId] = try store.savePaperBrokerOrder(row, user: user)
        }
        let today = Day(date: client.currentTime)
        var stale: [Day] = []
        for order in book.pendingOrders {
            if let row = rows[order.id] {
                guard [.approved, .missedWindow, .failed].contains(row.status) else {
                    if row.status == .awaitingApproval { outcome.held += 1 }
                    continue
                }
                try await sendAndReport(row, client: client, outcome: &outcome)
                continue
            }
            guard order.decidedOn.days(to: today) <= Self.staleAfterDays else {
                stale.append(order.decidedOn)
                continue
            }
            var brokerShares: Int?
            if order.side == .sell {
                // A sale goes only for shares bought at Alpaca: selling what Alpaca does not hold would open a short.
                let entries = book.positions.filter { $0.strategyId == order.strategyId && $0.ticker == order.ticker }.map(\.entryOrderId)
                let bought = rows.values.filter { $0.side == "buy" && entries.contains($0.orderId) && [.submitted, .reconciled].contains($0.status) }
                guard !bought.isEmpty else {
                    outcome.lines.append("\(user) paper account \"\(account.name)\": sell \(order.ticker) not sent: its buy was not placed at Alpaca")
                    continue
                }
                let filled = bought.compactMap { $0.filledQty.flatMap { Double($0) } }
                if filled.count == bought.count { brokerShares = Int(filled.reduce(0, +)) }
            }
            guard var sizing = size(order) else {
                outcome.lines.append("\(user) paper account \"\(account.name)\": \(order.side.rawValue) \(order.ticker) not sent: too small for one share")
                continue
            }
            if let brokerShares {
                guard brokerShares > 0 else {
                    outcome.lines.append("\(user) paper account \"\(account.name)\": sell \(order.ticker) not sent: Alpaca filled none of its buy")
                    continue
                }
                sizing.qty = min(sizing.qty, brokerShares)
            }
            let row = try store.savePaperBrokerOrder(PaperBrokerOrder(
                accountId: account.id, orderId: order.id, clientOrderId: Self.clientOrderId(account: account, order: order),
                ticker: order.ticker, side: order.side.rawValue, qty: sizing.qty,
                takeProfit: order.side == .buy ? sizing.takeProfit : nil, stopLoss: order.side == .buy ? sizing.stopLoss : nil,
                decidedOn: order.decidedOn, status: link.approval == .auto ? .approved : .awaitingApproval), user: user)
            if link.approval == .approve {
                outcome.held += 1
                outcome.lines.append("#\(row.seq) \(row.side) \(row.qty) \(row.ticker) waits for approval: /approve \(row.seq)")
                continue
            }
            try await sendAndReport(row, client: client, outcome: &outcome)
        }
        if let last = stale.max() {
            outcome.lines.append("\(stale.count) order\(stale.count == 1 ? "" : "s") for the open after \(last.iso) not sent to Alpaca: "
                + "decided more than \(Self.staleAfterDays) days before today (\(today.iso)), so that open has passed; only orders for the coming open are sent.")
        }
    }

    private func sendAndReport(_ row: PaperBrokerOrder, client: AlpacaClient, outcome: inout ScanOutcome) async throws {
        let sent = try await send(row, client: client)
        if sent.order.status == .submitted { outcome.sent += 1 }
        outcome.lines.append(sent.line)
        if sent.problem {
            outcome.failures += 1
            outcome.problems.append(sent.line)
        }
    }

    /// Reads back every order sent whose open the simulation has now stepped through, records Alpaca's fill, and
    /// reports each difference (price, quantity, a rejection, a position) from the simulation.
    func reconcile(account: PaperAccount, book: PaperBook, client: AlpacaClient, label: String,
                   outcome: inout ScanOutcome) async throws {
        let rows = try store.paperBrokerOrders(accountId: account.id, user: user)
        let local = Dictionary(try store.paperOrders(accountId: account.id, user: user).map { ($0.id, $0) },
                               uniquingKeysWith: { _, b in b })
        let due = rows.filter { [.submitted, .refused].contains($0.status) && (local[$0.orderId].map { $0.status != .pending } ?? false) }
        guard !due.isEmpty else { return }
        let remote = try await client.account()
        let positions = try await client.positions()
        var brokerOrders: [Alpaca.Order] = []
        var localOrders: [AlpacaReconciliation.LocalOrder] = []
        var read: [String: Alpaca.Order] = [:]
        for row in due {
            let mine = local[row.orderId]!
            let theirs: Alpaca.Order
            if row.status == .refused {
                // Refused at submission: Alpaca holds no order, which is a rejection of what the simulation filled.
                theirs = Alpaca.Order(id: "", clientOrderId: row.clientOrderId, symbol: row.ticker, qty: String(row.qty),
                                      filledQty: "0", filledAvgPrice: nil, type: "market", side: row.side, timeInForce: "opg",
                                      status: "rejected")
            } else if let found = try await client.order(clientOrderId: row.clientOrderId) {
                theirs = found
                read[row.clientOrderId] = found
            } else {
                localOrders.append(Self.localOrder(row, mine))
                continue
            }
            brokerOrders.append(theirs)
            localOrders.append(Self.localOrder(row, mine))
        }
        // Positions are compared for the symbols this account has sent, counting only positions its sent orders opened.
        let symbols = Set(rows.filter { $0.status == .submitted || $0.status == .reconciled }.map(\.ticker))
        let sentIds = Set(rows.filter { $0.status == .submitted || $0.status == .reconciled }.map(\.orderId))
        var localPositions: [String: Decimal] = [:]
        for p in book.positions where sentIds.contains(p.entryOrderId) {
            localPositions[p.ticker, default: 0] += Decimal(p.shares)
        }
        let differences = AlpacaReconciliation.differences(
            local: localOrders, localPositions: localPositions, brokerOrders: brokerOrders,
            brokerPositions: positions.filter { symbols.contains($0.symbol) })
        outcome.differences += differences
        for var row in due {
            let mine = differences.filter { $0.reference == row.clientOrderId }
            if let theirs = read[row.clientOrderId] {
                row.brokerStatus = theirs.status
                row.filledQty = theirs.filledQty
                row.filledAvgPrice = theirs.filledAvgPrice
                guard Alpaca.Order.finalStatuses.contains(theirs.status) else {
                    row.message = mine.isEmpty ? nil : mine.map(\.detail).joined(separator: "; ")
                    try store.savePaperBrokerOrder(row, user: user)
                    continue
                }
            }
            row.status = .reconciled
            row.message = mine.isEmpty ? "matches the simulation" : mine.map(\.detail).joined(separator: "; ")
            try store.savePaperBrokerOrder(row, user: user)
        }
        let equity = Alpaca.decimal(remote.equity).map { NumberText.dollars(NSDecimalNumber(decimal: $0).doubleValue) } ?? remote.equity
        outcome.lines.append("\(label): read back \(due.count) order\(due.count == 1 ? "" : "s"), \(positions.count) position\(positions.count == 1 ? "" : "s"), "
            + "equity \(equity); \(differences.isEmpty ? "no difference from the simulation" : "\(differences.count) difference\(differences.count == 1 ? "" : "s") from the simulation")")
        for d in differences {
            outcome.lines.append("\(label): differs: \(d)")
            outcome.problems.append("\(label): differs: \(d)")
        }
    }

    static func localOrder(_ row: PaperBrokerOrder, _ order: PaperOrder) -> AlpacaReconciliation.LocalOrder {
        let filled = order.status == .filled ? Decimal(order.shares ?? 0) : 0
        return AlpacaReconciliation.LocalOrder(
            clientOrderId: row.clientOrderId, symbol: row.ticker, side: row.side, qty: Decimal(row.qty), filledQty: filled,
            fillPrice: order.status == .filled ? order.fillPrice.flatMap { Decimal(string: String(format: "%.4f", $0)) } : nil)
    }
}
