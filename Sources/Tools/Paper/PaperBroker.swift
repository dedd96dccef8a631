import Foundation
import Networking
import Store
import StrategyCore

/// Makes the Alpaca client when a linked account needs one; fails with `AlpacaError.missingKeys` when the keys are not
/// set, and with `liveRefused` for the live address without the explicit setting.
package typealias AlpacaConnector = @Sendable () throws(AlpacaError) -> AlpacaClient

extension AlpacaClient {
    /// The client the environment describes (`ALPACA_API_KEY_ID`, `ALPACA_API_SECRET_KEY`, `ALPACA_BASE_URL`,
    /// `STRATCHAT_ALPACA_ALLOW_LIVE`), made only when asked for.
    package static func connector(environment: [String: String]) -> AlpacaConnector {
        { () throws(AlpacaError) -> AlpacaClient in
            AlpacaClient(configuration: try AlpacaConfiguration.from(environment: environment))
        }
    }
}

/// What a broker request can get wrong, each with the fix.
package enum PaperBrokerError: Error, Hashable, Sendable, LocalizedError {
    case notLinked(String)
    case noSuchOrder(String)

    package var errorDescription: String? {
        switch self {
        case .notLinked(let name):
            "Paper account \"\(name)\" is not linked to Alpaca: link it with `stratchat paper link \(name)` (or /paper link \(name))."
        case .noSuchOrder(let reference):
            "No order \(reference) waits for approval: /orders (or `stratchat paper orders NAME`) lists them with their numbers."
        }
    }
}

/// A paper account's link to Alpaca's paper API: linking, the orders a scan sends or holds for approval, approving
/// them, and reading them back. The local simulation stays the record; the broker's fills are compared with it.
package struct PaperBroker: Sendable {
    package static let name = "alpaca"
    /// Orders decided longer ago than this (calendar days) are not sent: their open has passed, or the data is old.
    package static let staleAfterDays = 4

    package let store: StratStore
    package let user: String
    package let connect: AlpacaConnector?

    package init(store: StratStore, user: String, connect: AlpacaConnector?) {
        self.store = store
        self.user = user
        self.connect = connect
    }

    /// Links the account after checking the keys against Alpaca (`GET /v2/account`); nothing is stored but the link
    /// and the mode.
    /// Refused, before Alpaca is asked, while another account of the user is linked (`StoreError.otherAccountLinked`).
    package func link(_ account: PaperAccount, approval: PaperApprovalMode) async throws -> String {
        try store.checkPaperAccountLinkFree(account.id, user: user)
        let client = try client()
        let remote = try await client.account()
        try store.linkPaperAccount(account.id, user: user, broker: Self.name, approval: approval)
        let equity = Alpaca.decimal(remote.equity).map { NumberText.dollars(NSDecimalNumber(decimal: $0).doubleValue) } ?? remote.equity
        return "Linked paper account \"\(account.name)\" to \(client.configuration) (account \(remote.accountNumber ?? remote.id), "
            + "\(remote.status.lowercased()), equity \(equity)) in \(approval.rawValue) mode: "
            + (approval == .auto ? "each scan sends its orders for the next open." : "each scan's orders wait in /orders until /approve.")
    }

    /// Changes the approval mode of a linked account.
    package func setApproval(_ account: PaperAccount, _ approval: PaperApprovalMode) throws -> String {
        guard try store.paperBrokerLink(account.id, user: user) != nil else { throw PaperBrokerError.notLinked(account.name) }
        try store.linkPaperAccount(account.id, user: user, broker: Self.name, approval: approval)
        return "Paper account \"\(account.name)\" is in \(approval.rawValue) mode: "
            + (approval == .auto ? "each scan sends its orders to Alpaca." : "orders wait in /orders until /approve ID|all.")
    }

    package func unlink(_ account: PaperAccount) throws -> String {
        guard try store.paperBrokerLink(account.id, user: user) != nil else { throw PaperBrokerError.notLinked(account.name) }
        try store.unlinkPaperAccount(account.id, user: user)
        return "Unlinked paper account \"\(account.name)\" from Alpaca: scans trade it locally only (orders already sent stay at Alpaca)."
    }

    /// The orders of the accounts given (every linked account of the user with none), newest decisions last.
    package func orders(of accounts: [PaperAccount]) throws -> [(account: PaperAccount, order: PaperBrokerOrder)] {
        try accounts.flatMap { a in try store.paperBrokerOrders(accountId: a.id, user: user).map { (a, $0) } }
    }

    /// The orders as the person reads them, one line each with the number `/approve` takes.
    package static func render(_ rows: [(account: PaperAccount, order: PaperBrokerOrder)]) -> String {
        guard !rows.isEmpty else { return "No Alpaca orders yet: a linked account's next scan makes them." }
        return rows.map { a, o in
            var line = "#\(o.seq) \"\(a.name)\" \(o.side) \(o.qty) \(o.ticker) at the open after \(o.decidedOn.iso)"
            if let stop = o.stopLoss { line += String(format: ", stop %.2f", stop) }
            if let target = o.takeProfit { line += String(format: ", target %.2f", target) }
            line += ": " + o.status.rawValue.replacingOccurrences(of: "_", with: " ")
            if let filled = o.filledQty, let price = o.filledAvgPrice { line += ", Alpaca filled \(filled) at \(price)" }
            if let message = o.message { line += " (\(message))" }
            return line
        }.joined(separator: "\n")
    }

    /// What `approve` did: one line per order, and how many could not be sent now.
    package struct Approval: Sendable {
        package var lines: [String] = []
        package var failures = 0
    }

    /// Approves one waiting order (by its number) or all of them, and sends them now. An order whose open has passed
    /// expires instead; one that cannot be sent now stays approved and the next scan sends it.
    package func approve(_ reference: String, accounts: [PaperAccount]) async throws -> Approval {
        let waiting = try orders(of: accounts).filter { $0.order.status == .awaitingApproval }
        let chosen: [(account: PaperAccount, order: PaperBrokerOrder)]
        if reference.lowercased() == "all" {
            chosen = waiting
        } else {
            let number = Int(reference.trimmingCharacters(in: CharacterSet(charactersIn: "# ")))
            chosen = waiting.filter { $0.order.seq == number }
            guard !chosen.isEmpty else { throw PaperBrokerError.noSuchOrder(reference) }
        }
        guard !chosen.isEmpty else { return Approval(lines: ["No order waits for approval."]) }
        var client: AlpacaClient?
        var connectProblem: String?
        do { client = try self.client() } catch { connectProblem = error.localizedDescription }
        var result = Approval()
        for (account, var order) in chosen {
            let pending = try store.paperOrders(accountId: account.id, user: user).contains { $0.id == order.orderId && $0.status == .pending }
            guard pending else {
                order.status = .expired
                order.message = "its open passed before it was approved"
                try store.savePaperBrokerOrder(order, user: user)
                result.lines.append("#\(order.seq) expired: its open passed before it was approved.")
                result.failures += 1
                continue
            }
            order.status = .approved
            guard let client else {
                order.message = connectProblem
                try store.savePaperBrokerOrder(order, user: user)
                result.lines.append("#\(order.seq) approved; not sent yet (\(connectProblem ?? "")); the next scan sends it.")
                result.failures += 1
                continue
            }
            let sent = try await send(order, client: client)
            result.lines.append(sent.line)
            if sent.problem { result.failures += 1 }
        }
        return result
    }

    /// Sends one order for the next open (`Alpaca.OrderRequest.forNextOpen`: market-on-open, or a `day` bracket or
    /// `oto` with the stop and target it has) and stores the answer. An exit sale first cancels the open legs of
    /// its position's buy; when they cannot be cancelled it is not sent, so the shares are never sold twice.
    func send(_ order: PaperBrokerOrder, client: AlpacaClient) async throws -> (order: PaperBrokerOrder, line: String, problem: Bool) {
        var order = order
        let request = Alpaca.OrderRequest.forNextOpen(
            symbol: order.ticker, qty: Decimal(order.qty), side: order.side, clientOrderId: order.clientOrderId,
            takeProfit: order.takeProfit.map { Decimal($0) }, stopLoss: order.stopLoss.map { Decimal($0) })
        let what = "#\(order.seq) \(order.side) \(order.qty) \(order.ticker)"
        // The legs are cancelled only when the sale can go now: outside the opg window they keep protecting the shares.
        var legs = LegCancellation.done
        if order.side == "sell", AlpacaOpgWindow.verdict(at: client.currentTime).isAccepted {
            legs = try await cancelLegs(before: order, client: client)
            if case .blocked(let reason) = legs {
                order.status = .failed
                order.message = reason
                return (try store.savePaperBrokerOrder(order, user: user), "\(what) not sent: \(reason); the next scan tries again", true)
            }
        }
        let line: String
        var problem = false
        do {
            let submission = try await client.submit(request)
            order.status = .submitted
            order.brokerOrderId = submission.order.id
            order.brokerStatus = submission.order.status
            order.message = submission.alreadyPlaced ? "already at Alpaca; not sent twice" : nil
            line = "\(what) sent to Alpaca for the open (\(submission.order.status))" + (submission.alreadyPlaced ? ", already there: not sent twice" : "")
        } catch {
            problem = true
            switch error {
            case .missedOpgWindow(_, let reason):
                order.status = .missedWindow
                order.message = reason
                line = "\(what) missed Alpaca's market-on-open window: \(reason)"
            case .openPassed:
                order.status = .missedWindow
                order.message = error.localizedDescription
                line = "#\(order.seq) \(error.localizedDescription)"
            case .rejected(_, _, let message) where legs == .pending:
                // Alpaca still counts the shares as held by the legs it is cancelling; once they are cancelled the
                // same order (the same client order id) goes.
                order.status = .failed
                order.message = "refused while its buy's stop and target were still being cancelled (\(message))"
                line = "\(what) refused by Alpaca while its buy's stop and target were still being cancelled: \(message); "
                    + "the next scan sends it again"
            case .rejected(_, _, let message):
                order.status = .refused
                order.message = message
                line = "\(what) refused by Alpaca: \(message)"
            default:
                order.status = .failed
                order.message = error.localizedDescription
                line = "\(what) not sent: \(error.localizedDescription); the next scan sends it again"
            }
        }
        return (try store.savePaperBrokerOrder(order, user: user), line, problem)
    }

    /// What cancelling a sale's legs found.
    enum LegCancellation: Equatable {
        /// No leg is open (or the buy had none): the sale may go.
        case done
        /// A leg is still `pending_cancel`: the sale may go while the market is closed, when a leg cannot trigger,
        /// but Alpaca may refuse it until the cancel completes.
        case pending
        /// Why the sale must not go.
        case blocked(String)
    }

    /// Before an exit sale: cancels the take-profit and stop-loss legs still open at Alpaca from the buy that opened
    /// the position (the latest buy of the same strategy and ticker sent before the sale was decided), and reads the
    /// buy back to see them cancelled. The sale is blocked when a leg already sold shares, a leg could not be
    /// cancelled, or Alpaca could not be read.
    func cancelLegs(before sale: PaperBrokerOrder, client: AlpacaClient) async throws -> LegCancellation {
        let local = Dictionary(try store.paperOrders(accountId: sale.accountId, user: user).map { ($0.id, $0.strategyId) },
                               uniquingKeysWith: { _, b in b })
        guard let strategy = local[sale.orderId] else { return .done }
        let entry = try store.paperBrokerOrders(accountId: sale.accountId, user: user)
            .filter { $0.side == "buy" && $0.ticker == sale.ticker && local[$0.orderId] == strategy && $0.decidedOn < sale.decidedOn
                && [.submitted, .reconciled].contains($0.status) }
            .max { $0.seq < $1.seq }
        guard let entry, entry.takeProfit != nil || entry.stopLoss != nil else { return .done }
        let cancelled: Set<String> = ["canceled", "pending_cancel", "expired", "rejected"]
        var refusal: String?
        do {
            guard let parent = try await client.order(clientOrderId: entry.clientOrderId) else {
                return .blocked("its buy \(entry.clientOrderId) was not found at Alpaca, so its stop and target could not be cancelled first")
            }
            for leg in parent.legs ?? [] where !cancelled.contains(leg.status) && leg.status != "filled" {
                do { try await client.cancel(orderId: leg.id) } catch { refusal = refusal ?? error.localizedDescription }
            }
            guard let after = try await client.order(clientOrderId: entry.clientOrderId) else {
                return .blocked("its buy \(entry.clientOrderId) was not found at Alpaca after cancelling its stop and target")
            }
            for leg in after.legs ?? [] {
                if let sold = Alpaca.decimal(leg.filledQty), sold > 0 {
                    return .blocked("Alpaca's \(Self.legName(leg)) of its buy already sold \(Alpaca.text(sold)) shares, so the sale is not sent "
                        + "(the shares would be sold twice)")
                }
                if !cancelled.contains(leg.status) {
                    return .blocked("the \(Self.legName(leg)) of its buy at Alpaca could not be cancelled (\(leg.status)"
                        + (refusal.map { ": \($0)" } ?? "") + "), so the sale is not sent (the shares could be sold twice)")
                }
            }
            return (after.legs ?? []).contains { $0.status == "pending_cancel" } ? .pending : .done
        } catch {
            return .blocked("could not cancel the stop and target of its buy at Alpaca first (\(error.localizedDescription)), so the sale "
                + "is not sent (the shares could be sold twice)")
        }
    }

    static func legName(_ leg: Alpaca.Order) -> String {
        switch leg.type {
        case "limit": "take-profit leg"
        case "stop", "stop_limit": "stop-loss leg"
        default: "\(leg.type) leg"
        }
    }

    func client() throws -> AlpacaClient {
        guard let connect else { throw AlpacaError.missingKeys }
        return try connect()
    }

    /// The client order id: the signal behind the order (or the order's own cause when no signal names it) within
    /// this account, so a repeated scan asks for the same order and Alpaca refuses a second one.
    static func clientOrderId(account: PaperAccount, order: PaperOrder) -> String {
        let cause = order.signalId ?? order.id.replacingOccurrences(of: "|", with: "-")
        return "sc-\(account.id.prefix(8))-\(order.side.rawValue)-\(cause)"
    }
}
