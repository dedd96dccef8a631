import Foundation
import StrategyCore

/// What a scan's paper trading tells a person: the orders that filled and the limits that stopped entries.
///
/// One account's fills of one scan are one message, and so are its halts, named by the user, the account and the
/// days the scan stepped. The account never steps a day twice, so a rerun has nothing new to send, and a replay
/// over many days sends one message per account, not one per day.
extension AlertEvent {
    /// The paper orders a scan filled in one account over `days` (the days it stepped), or nil when none filled.
    package static func paperFills(_ fills: [PaperOrder], account: String, accountId: String, user: String,
                                   days: [Day]) -> AlertEvent? {
        guard !fills.isEmpty, let first = days.first, let last = days.last else { return nil }
        let sorted = fills.sorted { ($0.filledOn ?? $0.decidedOn, $0.side == .buy ? 1 : 0, $0.ticker) < ($1.filledOn ?? $1.decidedOn, $1.side == .buy ? 1 : 0, $1.ticker) }
        var lines = sorted.prefix(digestLimit).map { o in
            String(format: "%@ %@ %@ at %.2f on %@ (%@)", o.side.rawValue, shareText(Double(o.shares ?? 0)), o.ticker,
                   o.fillPrice ?? 0, (o.filledOn ?? o.decidedOn).iso, o.reason)
        }
        if sorted.count > digestLimit { lines.append("… and \(sorted.count - digestLimit) more (see /paper)") }
        lines.append("Paper money: fills at the open by the backtest's rules.")
        let list: [JSONValue] = sorted.map { o in
            var item: [String: JSONValue] = [
                "order_id": .string(o.id), "strategy_id": .string(o.strategyId), "strategy_version": .number(Double(o.strategyVersion)),
                "ticker": .string(o.ticker), "side": .string(o.side.rawValue), "reason": .string(o.reason),
                "decided_on": .string(o.decidedOn.iso),
            ]
            if let day = o.filledOn { item["filled_on"] = .string(day.iso) }
            if let price = o.fillPrice { item["fill_price"] = .number(price) }
            if let shares = o.shares { item["shares"] = .number(Double(shares)) }
            if let fee = o.fee { item["fee"] = .number(fee) }
            if let id = o.signalId { item["signal_id"] = .string(id) }
            return .object(item)
        }
        let buys = fills.filter { $0.side == .buy }.count, sells = fills.count - buys
        let counts = [buys > 0 ? "\(buys) buy\(buys == 1 ? "" : "s")" : nil, sells > 0 ? "\(sells) sell\(sells == 1 ? "" : "s")" : nil]
            .compactMap { $0 }.joined(separator: ", ")
        return AlertEvent(id: "fills:\(user)/\(accountId)/\(span(first, last, separator: "/"))", kind: .fill,
                          title: "Paper fills in \(account): \(counts) \(span(first, last, separator: " to ", on: true))",
                          message: lines.joined(separator: "\n"),
                          data: ["user": .string(user), "account": .string(account), "account_id": .string(accountId),
                                 "from": .string(first.iso), "to": .string(last.iso), "paper": .bool(true), "fills": .array(list)])
    }

    /// The limits that stopped new entries in one account over `days`, or nil when none did. The daily loss limit
    /// halts the account until resumed; the other limits hold back that day's entries.
    package static func paperHalts(_ halts: [PaperHalt], account: String, accountId: String, user: String,
                                   days: [Day]) -> AlertEvent? {
        guard !halts.isEmpty, let first = days.first, let last = days.last else { return nil }
        let sorted = halts.sorted { ($0.day, $0.kind.rawValue) < ($1.day, $1.kind.rawValue) }
        let halted = halts.contains { $0.kind == .dailyLoss }
        var lines = sorted.prefix(digestLimit).map(\.reason)
        if sorted.count > digestLimit { lines.append("… and \(sorted.count - digestLimit) more (see /paper)") }
        if halted { lines.append("Resume with /paper resume or `stratchat paper resume \(account)`.") }
        let list: [JSONValue] = sorted.map {
            .object(["day": .string($0.day.iso), "kind": .string($0.kind.rawValue), "reason": .string($0.reason)])
        }
        return AlertEvent(id: "halts:\(user)/\(accountId)/\(span(first, last, separator: "/"))", kind: .halt,
                          title: (halted ? "Paper account \(account) halted" : "Paper account \(account): entries held back")
                              + " \(span(first, last, separator: " to ", on: true))",
                          message: lines.joined(separator: "\n"),
                          data: ["user": .string(user), "account": .string(account), "account_id": .string(accountId),
                                 "from": .string(first.iso), "to": .string(last.iso), "halted": .bool(halted),
                                 "paper": .bool(true), "halts": .array(list)])
    }

    private static func span(_ first: Day, _ last: Day, separator: String, on: Bool = false) -> String {
        first == last ? (on ? "on " : "") + first.iso : (on ? "from " : "") + first.iso + separator + last.iso
    }
}
