import Foundation
import MarketData
import Store
import StrategyCore

/// A paper account as `paper show --json` prints it and the chat shows it: paper money, never a broker's.
package struct PaperAccountView: Encodable, Sendable {
    package struct Strategy: Encodable, Sendable {
        package var id: String
        package var name: String
        package var version: Int
    }

    package struct Position: Encodable, Sendable {
        package var position: PaperPosition
        package var marketValue: Double { position.marketValue }
        package var unrealizedPnl: Double {
            Double(position.shares) * (position.lastClose - position.entryPrice) - position.entryFee
        }

        enum Keys: String, CodingKey { case marketValue = "market_value", unrealizedPnl = "unrealized_pnl" }

        package func encode(to encoder: any Encoder) throws {
            try position.encode(to: encoder)
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(marketValue, forKey: .marketValue)
            try c.encode(unrealizedPnl, forKey: .unrealizedPnl)
        }
    }

    /// A closed trade with a backtest trade's keys, plus the strategy version and signals behind it.
    package struct Trade: Encodable, Sendable {
        package var trade: PaperTrade

        enum Keys: String, CodingKey {
            case strategyId = "strategy_id", strategyVersion = "strategy_version"
            case entrySignalId = "entry_signal_id", exitSignalId = "exit_signal_id"
        }

        package func encode(to encoder: any Encoder) throws {
            try trade.trade.encode(to: encoder)
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(trade.strategyId, forKey: .strategyId)
            try c.encode(trade.strategyVersion, forKey: .strategyVersion)
            try c.encode(trade.entrySignalId, forKey: .entrySignalId)
            try c.encode(trade.exitSignalId, forKey: .exitSignalId)
        }
    }

    /// The account's link to a broker's paper API: which broker, its approval mode, and how many orders wait for
    /// `/approve`.
    package struct Broker: Encodable, Hashable, Sendable {
        package var name: String
        package var mode: String
        package var waiting: Int

        package init(name: String, mode: String, waiting: Int) {
            self.name = name
            self.mode = mode
            self.waiting = waiting
        }

        /// The broker's name as a sentence writes it: "Alpaca".
        package var displayName: String { name.prefix(1).uppercased() + name.dropFirst() }
    }

    /// The link as the JSON prints it: an object, or null when the account is not linked.
    package struct LinkField: Encodable, Sendable {
        package var link: Broker?

        package func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            if let link { try c.encode(link) } else { try c.encodeNil() }
        }
    }

    package struct EquityPoint: Encodable, Sendable {
        package var date: Day
        package var equity: Double
        package var cash: Double
    }

    package var name: String
    package var paperMoney = true
    package var startingCapital: Double
    package var equity: Double
    package var cash: Double
    package var returnPct: Double
    package var commissionPct: Double
    package var slippageBps: Double
    package var lastDay: Day?
    package var halted: Bool
    package var haltReason: String?
    package var limits: PaperRiskLimits
    package var strategies: [Strategy]
    package var positions: [Position]
    package var orders: [PaperOrder]
    package var trades: [Trade]
    package var halts: [PaperHalt]
    package var equityCurve: [EquityPoint]
    package var broker: LinkField
    /// One line per attached strategy's field whose data is a synthetic sample ("Dip Buyer: insider_buy_count_30d:
    /// synthetic sample (…)"); filled by `noteSyntheticData(_:)` from the market data the account is shown with.
    package var syntheticData: [String] = []
    package var note: String
    /// The latest backtest's figures of each strategy with a paper record, for the decay check (not encoded).
    package var backtests: [String: BacktestFigures] = [:]
    /// The attached strategies as stored, for their rules in the report (not encoded).
    package var definitions: [StoredStrategy] = []

    package init(account: PaperAccount, strategies: [StoredStrategy], orders: [PaperOrder], trades: [PaperTrade],
                 equityCurve: [PaperEquityPoint], halts: [PaperHalt], broker: Broker? = nil) {
        name = account.name
        startingCapital = account.startingCapital
        equity = account.book.equity
        cash = account.book.cash
        returnPct = (account.book.equity / account.startingCapital - 1) * 100
        commissionPct = account.commissionPct
        slippageBps = account.slippageBps
        lastDay = account.book.lastDay
        halted = account.book.halted
        haltReason = account.book.haltReason
        limits = account.book.limits
        self.strategies = strategies.map { Strategy(id: $0.id, name: $0.name, version: $0.version) }
        definitions = strategies
        positions = account.book.positions.map { Position(position: $0) }
        self.orders = orders
        self.trades = trades.map { Trade(trade: $0) }
        self.halts = halts
        self.equityCurve = equityCurve.map { EquityPoint(date: $0.day, equity: $0.equity, cash: $0.cash) }
        self.broker = LinkField(link: broker)
        note = "paper money: orders fill by the backtest's rules (next open, gaps through stops and targets at the open, stop first, the account's commission and slippage); "
            + (broker.map { "its orders also go to \($0.displayName)'s paper API (\($0.mode) mode), whose fills each scan compares with these" }
                ?? "nothing is sent to a broker")
    }

    /// Notes each attached strategy's fields that read a synthetic sample from this market data, so every result
    /// drawn from the account says so.
    package mutating func noteSyntheticData(_ marketData: MarketData) {
        syntheticData = definitions.flatMap { strategy in
            marketData.syntheticNotes(for: strategy.definition).map { "\(strategy.name): \($0)" }
        }
    }

    /// The line naming the synthetic data, or nil when every attached strategy reads real data.
    package var syntheticLine: String? {
        syntheticData.isEmpty ? nil : "Uses synthetic sample data (generated, not real), so its fills only show how the rules behave: "
            + syntheticData.joined(separator: "; ")
    }

    /// The broker line: linked, its mode and the orders waiting, or not linked.
    package var brokerLine: String {
        guard let link = broker.link else {
            return "Broker: not linked (paper money only; `stratchat paper link \(name)` or /paper link sends orders to Alpaca's paper API)"
        }
        return "Broker: linked to \(link.displayName) paper trading, \(link.mode) mode"
            + (link.mode == PaperApprovalMode.approve.rawValue || link.waiting > 0
                ? ", \(link.waiting) order\(link.waiting == 1 ? "" : "s") waiting for approval (/orders, /approve ID|all)" : "")
    }

    enum CodingKeys: String, CodingKey {
        case name, paperMoney = "paper_money", startingCapital = "starting_capital", equity, cash
        case returnPct = "return_pct", commissionPct = "commission_pct", slippageBps = "slippage_bps"
        case lastDay = "last_day", halted, haltReason = "halt_reason", limits, strategies, positions, orders, trades
        case halts, equityCurve = "equity_curve", broker, syntheticData = "synthetic_data", note
    }

    /// Orders still waiting for the next open, and those decided or filled on the last day traded.
    package var latestOrders: [PaperOrder] {
        orders.filter { $0.status == .pending || $0.filledOn == lastDay || $0.decidedOn == lastDay }
    }

    /// One strategy's closed paper trades: how many, how many won, and their profit and loss.
    package struct StrategyRecord: Hashable, Sendable {
        package var strategyId: String
        /// The strategy's name, or its id when it is no longer attached.
        package var name: String
        package var closedTrades: Int
        package var wins: Int
        package var pnl: Double

        /// The paper wins against the backtest's win rate; nil with no closed trade or no backtest trade.
        package func decay(against backtest: BacktestFigures) -> BinomialTest.Result? {
            backtest.totalTrades > 0 ? BinomialTest.decay(wins: wins, trades: closedTrades, backtestWinRatePct: backtest.winRate) : nil
        }
    }

    /// The record per strategy over the closed trades, ordered by strategy id.
    /// Decay: the paper wins tested against the last backtest's win rate (`BinomialTest.decay`).
    package var recordPerStrategy: [StrategyRecord] {
        var perStrategy: [String: (n: Int, wins: Int, pnl: Double)] = [:]
        for t in trades {
            var r = perStrategy[t.trade.strategyId] ?? (0, 0, 0)
            r.n += 1
            if t.trade.trade.pnl > 0 { r.wins += 1 }
            r.pnl += t.trade.trade.pnl
            perStrategy[t.trade.strategyId] = r
        }
        let names = Dictionary(strategies.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        return perStrategy.sorted { $0.key < $1.key }.map { id, r in
            StrategyRecord(strategyId: id, name: names[id] ?? id, closedTrades: r.n, wins: r.wins, pnl: r.pnl)
        }
    }

    /// The person's face: the account, its equity against the benchmark (`chart`, drawn from `PaperRecord`),
    /// its positions, today's orders and fills, and the record per strategy against its backtest.
    package func render(style: RenderStyle, chart: [String] = []) -> String {
        var out: [String] = []
        let status = halted ? "HALTED (\(haltReason ?? "by hand")): no new entries" : "trading"
        out.append(String(format: "Paper account \"%@\" (paper money): equity %@ (%+.2f%% on %@), cash %@; %@",
                          name, NumberText.dollars(equity), returnPct, NumberText.dollars(startingCapital),
                          NumberText.dollars(cash), status))
        if let syntheticLine { out.append(syntheticLine) }
        out.append(brokerLine)
        out.append("Through: \(lastDay?.iso ?? "no scan yet (run `stratchat scan`)"); strategies: "
                   + (strategies.isEmpty ? "none attached (/paper add ID)" : strategies.map { "\($0.name) v\($0.version)" }.joined(separator: ", ")))
        if !chart.isEmpty { out.append(chart.joined(separator: "\n")) }
        if !positions.isEmpty {
            let table = TextTable(["ticker", "shares", "entry", "entry price", "last close", "unrealized"], rows: positions.map { p in
                [p.position.ticker, "\(p.position.shares)", p.position.entryDate.iso, NumberText.dollars(p.position.entryPrice, decimals: 2),
                 NumberText.dollars(p.position.lastClose, decimals: 2), NumberText.dollars(p.unrealizedPnl, decimals: 2, signed: true)]
            })
            out.append("Positions\n" + table.render(style: style))
        }
        let recent = latestOrders
        if !recent.isEmpty {
            let table = TextTable(["order", "ticker", "decided", "why", "status", "fill"], rows: recent.map { o in
                [o.side.rawValue, o.ticker, o.decidedOn.iso, o.reason, o.status.rawValue,
                 o.fillPrice.map { "\(o.shares ?? 0) @ \(NumberText.dollars($0, decimals: 2))" } ?? "next open"]
            })
            out.append("Latest orders and fills\n" + table.render(style: style))
        }
        let record = recordPerStrategy
        if !record.isEmpty {
            let table = TextTable(["strategy", "closed trades", "wins", "P&L", "backtest win rate", "decay"], rows: record.map { r in
                let backtest = backtests[r.strategyId]
                let decay = backtest.flatMap { r.decay(against: $0) }
                return [r.name, "\(r.closedTrades)", "\(r.wins)", NumberText.dollars(r.pnl, decimals: 2, signed: true),
                        backtest?.winRate.map { NumberText.percent($0, decimals: 0, signed: false) } ?? "no backtest",
                        decay.map { ($0.decayed ? "yes, " : "no, ") + "p=" + Leaderboard.pValue($0.pValue) } ?? "—"]
            })
            out.append("Record per strategy (decay: paper wins against the last backtest's win rate, \(Leaderboard.decayTest))\n"
                       + table.render(style: style))
        }
        out.append(note)
        return out.joined(separator: "\n")
    }
}
