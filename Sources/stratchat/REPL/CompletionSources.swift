import Foundation
import MarketData
import Store

/// Where Tab's strategies, tickers and signal ids come from in a running session.
extension Completer {
    /// Strategies from the person's store, read at each Tab so a new one is offered at once; tickers from
    /// the data sources, read once. The store is opened here, at the first prompt of a terminal session;
    /// if it cannot be, Tab offers no strategies and the first command reports why.
    @MainActor static func standard(_ context: ChatContext) -> Completer {
        let store = try? context.store()
        let user = context.user
        let tickers = TickerList(store: store)
        return Completer(
            registry: context.commands,
            strategies: {
                ((try? store?.listStrategies(user: user)) ?? []).map { Strategy(id: $0.id, name: $0.name) }
            },
            tickers: { tickers.all },
            signals: {
                // Closed or skipped signals are done with; the rest can still be acted on.
                ((try? store?.signals(user: user)) ?? []).filter { $0.action != .closed && $0.action != .skipped }.map(\.id)
            })
    }
}

/// Every ticker the data sources hold, loaded on first use and kept.
private final class TickerList: @unchecked Sendable {
    private let store: StratStore?
    private let lock = NSLock()
    private var loaded: [String]?

    init(store: StratStore?) {
        self.store = store
    }

    var all: [String] {
        lock.withLock {
            if let loaded { return loaded }
            let data = try? MarketData.offline(storage: store)
            let tickers = Array(Set(data?.sources.flatMap(\.info.tickers) ?? [])).sorted()
            loaded = tickers
            return tickers
        }
    }
}
