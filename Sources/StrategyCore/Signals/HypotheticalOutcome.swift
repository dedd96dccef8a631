import Foundation

/// What an entry signal would have led to had the person taken it, known as of a day.
///
/// Resolved by running the backtest engine on the signal's ticker alone, from the signal day to the
/// day it is known at. The engine's first trade is the signal's trade, so its fill (next open), stop
/// and target (inside the day, stop first), exit rules and holding limit (calendar days) are exactly
/// a backtest's, and a hypothetical outcome matches a backtest of the same days by construction.
package struct HypotheticalOutcome: Codable, Hashable, Sendable {
    package enum Status: String, Codable, Hashable, Sendable {
        /// No later bar yet: the fill at the next open has not happened.
        case pending
        /// Filled and still open at `asOf`.
        case open
        /// Filled and closed.
        case closed
        /// The next bar came but the engine did not enter there (for example the rules no longer
        /// hold on the same data); the signal has no trade.
        case notFilled = "not_filled"
    }

    package var status: Status
    package var asOf: Day
    package var entryDate: Day?
    package var entryPrice: Double?
    package var exitDate: Day?
    package var exitPrice: Double?
    package var exitReason: BacktestTrade.ExitReason?
    /// Closed: the trade's return net of costs; open: marked to `lastClose`.
    package var returnPct: Double?
    package var daysHeld: Int?
    package var lastClose: Double?

    package init(
        status: Status, asOf: Day, entryDate: Day? = nil, entryPrice: Double? = nil, exitDate: Day? = nil,
        exitPrice: Double? = nil, exitReason: BacktestTrade.ExitReason? = nil, returnPct: Double? = nil,
        daysHeld: Int? = nil, lastClose: Double? = nil
    ) {
        self.status = status
        self.asOf = asOf
        self.entryDate = entryDate
        self.entryPrice = entryPrice
        self.exitDate = exitDate
        self.exitPrice = exitPrice
        self.exitReason = exitReason
        self.returnPct = returnPct
        self.daysHeld = daysHeld
        self.lastClose = lastClose
    }

    enum CodingKeys: String, CodingKey {
        case status
        case asOf = "as_of"
        case entryDate = "entry_date"
        case entryPrice = "entry_price"
        case exitDate = "exit_date"
        case exitPrice = "exit_price"
        case exitReason = "exit_reason"
        case returnPct = "return_pct"
        case daysHeld = "days_held"
        case lastClose = "last_close"
    }

    /// Final once closed or not filled: later data cannot change it.
    package var isFinal: Bool { status == .closed || status == .notFilled }

    /// A closed trade that made money (net of costs).
    package var isWin: Bool { status == .closed && (returnPct ?? 0) > 0 }

    /// As stored in a signal's `outcome`, under `"hypothetical"`.
    package var json: JSONValue {
        var o: [String: JSONValue] = ["status": .string(status.rawValue), "as_of": .string(asOf.iso)]
        if let entryDate { o["entry_date"] = .string(entryDate.iso) }
        if let entryPrice { o["entry_price"] = .number(entryPrice) }
        if let exitDate { o["exit_date"] = .string(exitDate.iso) }
        if let exitPrice { o["exit_price"] = .number(exitPrice) }
        if let exitReason { o["exit_reason"] = .string(exitReason.rawValue) }
        if let returnPct { o["return_pct"] = .number(returnPct) }
        if let daysHeld { o["days_held"] = .number(Double(daysHeld)) }
        if let lastClose { o["last_close"] = .number(lastClose) }
        return .object(o)
    }

    /// Reads one back from `json`; nil when it is not an outcome.
    package init?(json: JSONValue) {
        guard let s = json["status"]?.stringValue, let status = Status(rawValue: s),
              let asOfText = json["as_of"]?.stringValue, let asOf = Day(iso: asOfText) else { return nil }
        self.init(status: status, asOf: asOf)
        entryDate = json["entry_date"]?.stringValue.flatMap { Day(iso: $0) }
        entryPrice = json["entry_price"]?.numberValue
        exitDate = json["exit_date"]?.stringValue.flatMap { Day(iso: $0) }
        exitPrice = json["exit_price"]?.numberValue
        exitReason = json["exit_reason"]?.stringValue.flatMap(BacktestTrade.ExitReason.init(rawValue:))
        returnPct = json["return_pct"]?.numberValue
        daysHeld = json["days_held"]?.numberValue.map { Int($0) }
        lastClose = json["last_close"]?.numberValue
    }

    /// Walks an entry signal of `day` forward under the strategy's exit rules on bars up to `through`.
    ///
    /// - Parameters:
    ///   - series: the ticker's bars (bars after `through` are never read; earlier bars warm up indicators).
    ///   - external: the ticker's alternative-data columns, aligned with `series`.
    package static func resolve(
        strategy: TradingStrategy, series: PriceSeries, external: [String: FieldColumn] = [:], signalDay: Day,
        through: Day, slippageBps: Double = BacktestRequest.defaultSlippageBps,
        commissionPct: Double = BacktestRequest.defaultCommissionPct
    ) throws -> HypotheticalOutcome {
        let signalBar = series.firstIndex(onOrAfter: signalDay)
        let next = signalBar + 1
        guard signalBar < series.count, series.days[signalBar] == signalDay, next < series.count,
              series.days[next] <= through else {
            return HypotheticalOutcome(status: .pending, asOf: through)
        }
        let request = BacktestRequest(
            strategy: strategy, series: [series], externalColumns: [series.ticker: external], start: signalDay,
            end: through, commissionPct: commissionPct, slippageBps: slippageBps, fill: .nextOpen,
            dataLabel: "signal walk-forward", universeLabel: series.ticker)
        let result: StrategyBacktest
        do {
            result = try BacktestEngine.run(request)
        } catch BacktestError.noData {
            return HypotheticalOutcome(status: .pending, asOf: through)
        }
        let entryDay = series.days[next]
        if let trade = result.trades.first, trade.entryDate == entryDay {
            return HypotheticalOutcome(
                status: .closed, asOf: through, entryDate: trade.entryDate, entryPrice: trade.entryPrice,
                exitDate: trade.exitDate, exitPrice: trade.exitPrice, exitReason: trade.exitReason,
                returnPct: trade.pnlPct, daysHeld: trade.daysHeld)
        }
        if result.trades.isEmpty, let p = result.openPositions.first, p.entryDate == entryDay {
            let value = Double(p.shares) * p.entryPrice
            return HypotheticalOutcome(
                status: .open, asOf: through, entryDate: p.entryDate, entryPrice: p.entryPrice,
                returnPct: value > 0 ? p.unrealizedPnl / value * 100 : nil, daysHeld: p.entryDate.days(to: through),
                lastClose: p.lastClose)
        }
        return HypotheticalOutcome(status: .notFilled, asOf: through)
    }
}

extension HypotheticalOutcome {
    /// This outcome, resolved through a later day, as it stood at the close of `day`.
    ///
    /// Equal to resolving through `day` itself: the engine reads no bar after its end date, so a
    /// trade that exits on or before `day` is the same trade, and one that exits later was open at
    /// `day` (marked to that day's close, as the engine marks open positions).
    package func asOf(_ day: Day, series: PriceSeries) -> HypotheticalOutcome {
        guard day < asOf else { return self }
        guard let entryDate, let entryPrice, entryDate <= day else {
            let signalBarNext = status == .notFilled
            return HypotheticalOutcome(status: signalBarNext ? .notFilled : .pending, asOf: day)
        }
        if status == .closed, let exitDate, exitDate <= day {
            var out = self
            out.asOf = day
            return out
        }
        let i = series.firstIndex(onOrAfter: day.adding(days: 1)) - 1
        let close = i >= 0 ? series.close[i] : entryPrice
        return HypotheticalOutcome(
            status: .open, asOf: day, entryDate: entryDate, entryPrice: entryPrice,
            returnPct: (close / entryPrice - 1) * 100, daysHeld: entryDate.days(to: day), lastClose: close)
    }
}
