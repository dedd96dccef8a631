import Foundation
import Store
import StrategyCore

/// What a paper request can get wrong, each with the fix.
package enum PaperError: Error, Hashable, Sendable, LocalizedError {
    case noAccounts
    case unknownAccount(String, known: [String])
    case unknownStrategy(String, suggestion: String?)
    case ambiguousStrategy(String, names: [String])

    package var errorDescription: String? {
        switch self {
        case .noAccounts:
            "No paper account yet: open one with `stratchat paper open NAME --capital 100000` (or /paper open 100000)."
        case .unknownAccount(let name, let known):
            "No paper account \"\(name)\"" + (known.isEmpty ? "; open one with `stratchat paper open \(name) --capital 100000`."
                                                : "; the accounts are \(known.joined(separator: ", ")).")
        case .unknownStrategy(let ref, let suggestion):
            "No strategy \"\(ref)\"" + (suggestion.map { "; did you mean \"\($0)\"?" } ?? "; list them with /strategies.")
        case .ambiguousStrategy(let ref, let names):
            "\"\(ref)\" matches several strategies (\(names.joined(separator: ", "))); give more of the name or the id."
        }
    }
}

/// Paper accounts for the chat, its tools and the command line: open, attach, halt, resume and show.
/// The money is paper money: nothing here reaches a broker.
package struct PaperService: Sendable {
    package let store: StratStore
    package let user: String

    package init(store: StratStore, user: String) {
        self.store = store
        self.user = user
    }

    /// The name a chat account gets when none is given.
    package static let defaultName = "paper"

    package func open(
        name: String?, capital: Double, commissionPct: Double = BacktestRequest.defaultCommissionPct,
        slippageBps: Double = BacktestRequest.defaultSlippageBps, limits: PaperRiskLimits = PaperRiskLimits()
    ) throws -> PaperAccount {
        var chosen = name ?? Self.defaultName
        if name == nil {
            // A second unnamed account gets the next free "paper-N".
            let taken = Set(try store.paperAccounts(user: user).map { $0.name.lowercased() })
            var n = 2
            while taken.contains(chosen.lowercased()) { chosen = "\(Self.defaultName)-\(n)"; n += 1 }
        }
        return try store.openPaperAccount(name: chosen, user: user, capital: capital, commissionPct: commissionPct,
                                          slippageBps: slippageBps, limits: limits)
    }

    /// The account of that name, or with no name the most recently opened one.
    package func account(_ name: String?) throws -> PaperAccount {
        if let name, let found = try store.paperAccount(named: name, user: user) { return found }
        let all = try store.paperAccounts(user: user)
        guard let name else {
            guard let last = all.last else { throw PaperError.noAccounts }
            return last
        }
        throw PaperError.unknownAccount(name, known: all.map(\.name))
    }

    package func strategy(_ reference: String) throws -> StoredStrategy {
        switch try store.resolveStrategyReference(reference, user: user) {
        case .found(let s): return s
        case .ambiguous(let many): throw PaperError.ambiguousStrategy(reference, names: many.map(\.name))
        case .notFound(let suggestion): throw PaperError.unknownStrategy(reference, suggestion: suggestion)
        }
    }

    /// Attaches a strategy; the next scan trades it.
    package func add(strategy reference: String, to name: String?) throws -> (PaperAccount, StoredStrategy) {
        let account = try account(name)
        let strategy = try strategy(reference)
        try store.attachStrategy(strategy.id, toPaperAccount: account.id, user: user)
        return (try self.account(account.name), strategy)
    }

    /// Attaches a strategy to the account, opening it first with `capital` when it does not exist yet (no account
    /// of that name, or with no name none at all). The strategy is looked up first, so a wrong one opens nothing.
    package func add(
        strategy reference: String, to name: String?, openingWith capital: Double,
        commissionPct: Double = BacktestRequest.defaultCommissionPct, slippageBps: Double = BacktestRequest.defaultSlippageBps,
        limits: PaperRiskLimits = PaperRiskLimits()
    ) throws -> (account: PaperAccount, strategy: StoredStrategy, opened: Bool) {
        let strategy = try strategy(reference)
        var opened = false
        let account: PaperAccount
        do {
            account = try self.account(name)
        } catch PaperError.noAccounts, PaperError.unknownAccount {
            account = try open(name: name, capital: capital, commissionPct: commissionPct, slippageBps: slippageBps, limits: limits)
            opened = true
        }
        try store.attachStrategy(strategy.id, toPaperAccount: account.id, user: user)
        return (try self.account(account.name), strategy, opened)
    }

    /// Detaches a strategy: no new orders; positions it holds stay (and are still marked).
    package func remove(strategy reference: String, from name: String?) throws -> (PaperAccount, StoredStrategy) {
        let account = try account(name)
        let strategy = try strategy(reference)
        try store.detachStrategy(strategy.id, fromPaperAccount: account.id, user: user)
        return (try self.account(account.name), strategy)
    }

    /// Halts new entries by hand (the kill switch), or resumes them.
    package func setHalted(_ halted: Bool, name: String?, reason: String? = nil) throws -> PaperAccount {
        let account = try account(name)
        try store.setPaperHalt(accountId: account.id, user: user, halted: halted,
                               reason: halted ? (reason ?? "halted by hand") : nil, day: account.book.lastDay)
        return try self.account(account.name)
    }

    /// Replaces the account's risk limits with `change(current)`; the next scan holds entries to them.
    package func setLimits(name: String?, _ change: (PaperRiskLimits) -> PaperRiskLimits) throws -> PaperAccount {
        let account = try account(name)
        try store.setPaperLimits(accountId: account.id, user: user, limits: change(account.book.limits))
        return try self.account(account.name)
    }

    /// Everything `paper show --json` prints but the synthetic-data notes, which need the market data
    /// (`PaperAccountView.noteSyntheticData(_:)`).
    package func view(_ name: String?) throws -> PaperAccountView {
        let account = try account(name)
        let strategies = try account.strategyIds.compactMap { try store.strategy(id: $0, user: user) }
        var view = PaperAccountView(
            account: account, strategies: strategies,
            orders: try store.paperOrders(accountId: account.id, user: user),
            trades: try store.paperTrades(accountId: account.id, user: user),
            equityCurve: try store.paperEquity(accountId: account.id, user: user),
            halts: try store.paperHalts(accountId: account.id, user: user),
            broker: try store.paperBrokerLink(account.id, user: user).map { link in
                PaperAccountView.Broker(
                    name: link.broker, mode: link.approval.rawValue,
                    waiting: try store.paperBrokerOrders(accountId: account.id, user: user, statuses: [.awaitingApproval]).count)
            })
        if !view.trades.isEmpty { view.backtests = try store.latestBacktestFigures(user: user) }
        return view
    }
}

extension PaperRiskLimits {
    /// These limits with the ones given put in: nil leaves a limit as it is, 0 turns it off.
    package func changing(maxOpenPositions: Int?, maxExposurePct: Double?, dailyLossLimitPct: Double?) -> PaperRiskLimits {
        var limits = self
        if let maxOpenPositions { limits.maxOpenPositions = maxOpenPositions == 0 ? nil : maxOpenPositions }
        if let maxExposurePct { limits.maxExposurePct = maxExposurePct == 0 ? nil : maxExposurePct }
        if let dailyLossLimitPct { limits.dailyLossLimitPct = dailyLossLimitPct == 0 ? nil : dailyLossLimitPct }
        return limits
    }
}
