import Foundation

/// Compares what the local simulation did with what the broker reports, and lists every difference.
///
/// Pure: the local side is plain values (any simulated account can produce them), the broker side is what
/// `AlpacaClient` read. Orders are matched by `client_order_id`.
package enum AlpacaReconciliation {
    /// An order as the local simulation placed and filled it.
    package struct LocalOrder: Hashable, Sendable {
        package var clientOrderId: String
        package var symbol: String
        /// buy or sell.
        package var side: String
        package var qty: Decimal
        /// Shares the simulation filled (0 while the order waits for the open).
        package var filledQty: Decimal
        /// The simulated fill price, when filled.
        package var fillPrice: Decimal?

        package init(clientOrderId: String, symbol: String, side: String, qty: Decimal, filledQty: Decimal, fillPrice: Decimal?) {
            self.clientOrderId = clientOrderId
            self.symbol = symbol
            self.side = side
            self.qty = qty
            self.filledQty = filledQty
            self.fillPrice = fillPrice
        }
    }

    package struct Difference: Hashable, Sendable, CustomStringConvertible {
        package enum Kind: String, Hashable, Sendable {
            /// A local order Alpaca has no record of.
            case missingAtBroker = "missing at broker"
            /// An order at Alpaca (among those compared) that the simulation never placed.
            case unknownAtBroker = "unknown at broker"
            /// Alpaca rejected, cancelled or let expire an order the simulation filled or expects to fill.
            case rejected
            /// Filled quantities differ (a partial fill, or a fill the simulation did not make).
            case quantity
            /// Both filled, at prices further apart than the tolerance.
            case price
            /// The net position in a symbol differs.
            case position
        }

        package var kind: Kind
        /// The client order id, or the symbol for a position.
        package var reference: String
        package var detail: String

        package var description: String { "\(reference): \(kind.rawValue): \(detail)" }
    }

    /// Every difference, orders first (in local order, then the broker's unknown ones), then positions by symbol.
    /// - Parameters:
    ///   - localPositions: the simulation's net shares per symbol (negative for short).
    ///   - priceTolerance: the largest price gap, in dollars per share, not reported.
    package static func differences(local: [LocalOrder], localPositions: [String: Decimal], brokerOrders: [Alpaca.Order],
                                     brokerPositions: [Alpaca.Position], priceTolerance: Decimal = 0.01) -> [Difference] {
        var result: [Difference] = []
        let broker = Dictionary(brokerOrders.map { ($0.clientOrderId, $0) }, uniquingKeysWith: { first, _ in first })
        for order in local {
            let id = order.clientOrderId
            guard let remote = broker[id] else {
                result.append(Difference(kind: .missingAtBroker, reference: id,
                                         detail: "\(order.side) \(show(order.qty)) \(order.symbol) was not found at Alpaca"))
                continue
            }
            let filled = Alpaca.decimal(remote.filledQty) ?? 0
            if ["rejected", "canceled", "expired"].contains(remote.status) && filled < order.qty {
                result.append(Difference(kind: .rejected, reference: id,
                                         detail: "Alpaca \(remote.status) it after filling \(show(filled)) of \(show(order.qty)); "
                                            + "the simulation filled \(show(order.filledQty))"))
                continue
            }
            if filled != order.filledQty {
                let partial = filled > 0 && filled < (Alpaca.decimal(remote.qty) ?? order.qty) ? " (a partial fill)" : ""
                result.append(Difference(kind: .quantity, reference: id,
                                         detail: "Alpaca filled \(show(filled))\(partial), the simulation \(show(order.filledQty)) "
                                            + "of \(order.side) \(order.symbol)"))
            }
            if let mine = order.fillPrice, let theirs = Alpaca.decimal(remote.filledAvgPrice), filled > 0, order.filledQty > 0 {
                let gap = theirs - mine
                if abs(gap) > priceTolerance {
                    let percent = mine == 0 ? "" : String(format: " (%+.2f%%)", NSDecimalNumber(decimal: gap / mine * 100).doubleValue)
                    result.append(Difference(kind: .price, reference: id,
                                             detail: "Alpaca filled at \(show(theirs)), the simulation at \(show(mine)): "
                                                + "\(gap > 0 ? "+" : "")\(show(gap)) a share\(percent)"))
                }
            }
        }
        let localIds = Set(local.map(\.clientOrderId))
        for remote in brokerOrders where !localIds.contains(remote.clientOrderId) {
            result.append(Difference(kind: .unknownAtBroker, reference: remote.clientOrderId,
                                     detail: "\(remote.side) \(remote.qty ?? "?") \(remote.symbol), \(remote.status) at Alpaca, "
                                        + "not placed by the simulation"))
        }
        var theirs: [String: Decimal] = [:]
        for position in brokerPositions {
            let qty = Alpaca.decimal(position.qty) ?? 0
            // Alpaca gives a short position's qty as negative already; the side is checked for older answers.
            theirs[position.symbol, default: 0] += position.side == "short" && qty > 0 ? -qty : qty
        }
        for symbol in Set(theirs.keys).union(localPositions.keys).sorted() {
            let mine = localPositions[symbol] ?? 0, broker = theirs[symbol] ?? 0
            if mine != broker {
                result.append(Difference(kind: .position, reference: symbol,
                                         detail: "Alpaca holds \(show(broker)) shares, the simulation \(show(mine))"))
            }
        }
        return result
    }

    static func show(_ value: Decimal) -> String { Alpaca.text(value) }
}
