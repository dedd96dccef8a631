import Foundation
import StrategyCore

/// Something worth telling a person about after a scan: a new signal, a fill, a halted account, or a test.
///
/// `id` is stable for the same happening (a signal's id, an order's id), so a rerun recognises an event it
/// already sent. The text is plain; each webhook format wraps it (`AlertPayload`).
package struct AlertEvent: Codable, Hashable, Sendable {
    package enum Kind: String, Codable, Hashable, Sendable, CaseIterable {
        case signal, fill, halt, test
    }

    package var id: String
    package var kind: Kind
    /// One short line: what happened.
    package var title: String
    /// The details, one or more lines.
    package var message: String
    /// The same facts as values, for the generic JSON format.
    package var data: [String: JSONValue]

    package init(id: String, kind: Kind, title: String, message: String, data: [String: JSONValue] = [:]) {
        self.id = id
        self.kind = kind
        self.title = title
        self.message = message
        self.data = data
    }

    /// A signal a scan stored for the first time.
    package static func signal(_ signal: StrategySignal, strategyName: String, user: String) -> AlertEvent {
        let side = signal.signalType == .entry ? "Entry" : "Exit"
        var lines = [String(format: "%@ %@ at %.2f (close of %@), confidence %.0f%%", side.lowercased(), signal.ticker,
                            signal.priceAtSignal, signal.signalDate.iso, signal.confidenceScore * 100)]
        var data: [String: JSONValue] = [
            "user": .string(user), "strategy": .string(strategyName), "strategy_id": .string(signal.strategyId),
            "ticker": .string(signal.ticker), "signal_type": .string(signal.signalType.rawValue),
            "signal_date": .string(signal.signalDate.iso), "price_at_signal": .number(signal.priceAtSignal),
            "confidence_score": .number(signal.confidenceScore),
        ]
        if let version = signal.strategyVersion { data["strategy_version"] = .number(Double(version)) }
        if let id = signal.signalId { data["signal_id"] = .string(id) }
        if let stop = signal.stopPrice {
            lines.append(String(format: "stop %.2f", stop))
            data["stop_price"] = .number(stop)
        }
        if let target = signal.targetPrice {
            lines.append(String(format: "target %.2f", target))
            data["target_price"] = .number(target)
        }
        if !signal.reasoning.isEmpty { lines.append(signal.reasoning) }
        lines.append("An order placed now fills at the next open, as in backtests.")
        return AlertEvent(id: "signal:" + (signal.signalId ?? "\(signal.strategyId)/\(signal.ticker)/\(signal.signalDate.iso)/\(signal.signalType.rawValue)"),
                          kind: .signal, title: "\(side) signal: \(signal.ticker) (\(strategyName))",
                          message: lines.joined(separator: "\n"), data: data)
    }

    /// The most signals a digest lists one by one; the rest are counted.
    package static let digestLimit = 25

    /// A strategy's signals of one day in one message (a scan can find hundreds; one message each would flood a
    /// channel and meet rate limits). The id names the user, strategy and day, so a rerun of that day's scan
    /// recognises it.
    package static func signals(_ signals: [StrategySignal], strategyName: String, strategyId: String, user: String,
                                day: Day) -> AlertEvent {
        let entries = signals.filter { $0.signalType == .entry }.count
        let exits = signals.count - entries
        let sorted = signals.sorted { ($0.confidenceScore, $1.ticker) > ($1.confidenceScore, $0.ticker) }
        var lines = sorted.prefix(digestLimit).map { s in
            var line = String(format: "%@ %@ at %.2f, confidence %.0f%%", s.signalType.rawValue, s.ticker, s.priceAtSignal,
                              s.confidenceScore * 100)
            if let stop = s.stopPrice { line += String(format: ", stop %.2f", stop) }
            if let target = s.targetPrice { line += String(format: ", target %.2f", target) }
            return line
        }
        if sorted.count > digestLimit { lines.append("… and \(sorted.count - digestLimit) more (see /signals)") }
        lines.append("Prices are the close of \(day.iso); an order placed now fills at the next open, as in backtests.")
        let list: [JSONValue] = sorted.map { s in
            var item: [String: JSONValue] = ["ticker": .string(s.ticker), "signal_type": .string(s.signalType.rawValue),
                                             "price_at_signal": .number(s.priceAtSignal), "confidence_score": .number(s.confidenceScore)]
            if let id = s.signalId { item["signal_id"] = .string(id) }
            if let stop = s.stopPrice { item["stop_price"] = .number(stop) }
            if let target = s.targetPrice { item["target_price"] = .number(target) }
            return .object(item)
        }
        let counts = [entries > 0 ? "\(entries) entr\(entries == 1 ? "y" : "ies")" : nil, exits > 0 ? "\(exits) exit\(exits == 1 ? "" : "s")" : nil]
            .compactMap { $0 }.joined(separator: ", ")
        return AlertEvent(id: "signals:\(user)/\(strategyId)/\(day.iso)", kind: .signal,
                          title: "\(strategyName): \(counts) on \(day.iso)", message: lines.joined(separator: "\n"),
                          data: ["user": .string(user), "strategy": .string(strategyName), "strategy_id": .string(strategyId),
                                 "day": .string(day.iso), "signals": .array(list)])
    }

    /// An order filled in an account (paper or broker); `orderId` names the order, `side` is buy or sell.
    package static func fill(orderId: String, account: String, ticker: String, side: String, shares: Double, price: Double,
                             day: Day) -> AlertEvent {
        AlertEvent(id: "fill:\(account)/\(orderId)", kind: .fill,
                   title: "Fill: \(side) \(shareText(shares)) \(ticker) (\(account))",
                   message: String(format: "%@ %@ %@ at %.2f on %@", side, shareText(shares), ticker, price, day.iso),
                   data: ["account": .string(account), "order_id": .string(orderId), "ticker": .string(ticker),
                          "side": .string(side), "shares": .number(shares), "price": .number(price), "day": .string(day.iso)])
    }

    /// An account stopped taking new entries; `day` and `account` make it one event however often a scan reruns.
    package static func halt(account: String, reason: String, day: Day) -> AlertEvent {
        AlertEvent(id: "halt:\(account)/\(day.iso)", kind: .halt, title: "Halted: \(account)",
                   message: "New entries are halted on \(day.iso): \(reason)",
                   data: ["account": .string(account), "reason": .string(reason), "day": .string(day.iso)])
    }

    /// What `stratchat alerts test` sends; never recorded, so it can be sent again.
    package static func test(at date: Date) -> AlertEvent {
        let stamp = ISO8601DateFormatter().string(from: date)
        return AlertEvent(id: "test:\(stamp)", kind: .test, title: "stratchat test alert",
                          message: "This webhook works: stratchat sent this test at \(stamp).",
                          data: ["sent_at": .string(stamp)])
    }

    static func shareText(_ shares: Double) -> String {
        shares == shares.rounded() && abs(shares) < 1e12 ? String(Int(shares)) : String(format: "%.4f", shares)
    }
}
