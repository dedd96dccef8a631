import Foundation

/// How an order is sized and filled: written once, read by the backtest's day loop and by paper accounts.
///
/// Pure arithmetic on prices and cash; the caller decides which bar and which day. Orders decided at a
/// close fill at the next bar's open (or its close when it has only a close); stops and targets are checked
/// against the day's low and high, a gap through either fills at the open, and the stop wins when both
/// could fire. Slippage moves every fill against the trader; commission is a fraction of traded value per side.
package struct FillRules: Hashable, Sendable {
    /// Commission as a fraction per side.
    package var commission: Double
    /// Slippage as a fraction against the trader.
    package var slippage: Double
    package var stopLossPct: Double?
    package var takeProfitPct: Double?
    package var maxHoldDays: Int?
    package var positionSizePct: Double
    package var riskPerTradePct: Double?

    package init(
        commission: Double, slippage: Double, stopLossPct: Double?, takeProfitPct: Double?, maxHoldDays: Int?,
        positionSizePct: Double, riskPerTradePct: Double?
    ) {
        self.commission = commission
        self.slippage = slippage
        self.stopLossPct = stopLossPct
        self.takeProfitPct = takeProfitPct
        self.maxHoldDays = maxHoldDays
        self.positionSizePct = positionSizePct
        self.riskPerTradePct = riskPerTradePct
    }

    /// A strategy's risk parameters with costs given as the backtest states them (percent and basis points).
    package init(risk: RiskParameters, commissionPct: Double, slippageBps: Double) {
        self.init(
            commission: commissionPct / 100, slippage: slippageBps / 10_000, stopLossPct: risk.stopLossPct,
            takeProfitPct: risk.takeProfitPct, maxHoldDays: risk.maxHoldDays, positionSizePct: risk.positionSizePct,
            riskPerTradePct: risk.riskPerTradePct)
    }

    /// A buy that filled: price paid per share (slipped), whole shares and the commission.
    package struct EntryFill: Hashable, Sendable {
        package let price: Double
        package let shares: Int
        package let fee: Double
        /// Cash spent, commission included.
        package var cost: Double { Double(shares) * price + fee }
    }

    /// A sale that filled: price received per share (slipped) and the commission.
    package struct ExitFill: Hashable, Sendable {
        package let price: Double
        package let fee: Double
        /// Cash received, commission taken off.
        package let proceeds: Double
    }

    /// Whether the strategy has a stop or a target to check inside the day.
    package var checksStopsOrTargets: Bool { stopLossPct != nil || takeProfitPct != nil }

    /// The money put into one entry: a percent of equity, or what loses `risk_per_trade_pct` at the stop.
    package func allocation(equity: Double) -> Double {
        if let risk = riskPerTradePct, let stop = stopLossPct, stop > 0 {
            return equity * risk / stop
        }
        return equity * positionSizePct / 100
    }

    /// The buy at `base` (before slippage) for `allocation`, in whole shares that `cash` can pay for;
    /// nil when not one share can be bought.
    package func entry(base: Double, allocation: Double, cash: Double) -> EntryFill? {
        let price = base * (1 + slippage)
        let unit = price * (1 + commission)
        guard unit > 0, allocation.isFinite, allocation > 0 else { return nil }
        var shares = Int((allocation / unit).rounded(.down))
        if Double(shares) * unit > cash { shares = Int(max(0, cash / unit).rounded(.down)) }
        while shares > 0 && Double(shares) * price + Double(shares) * price * commission > cash { shares -= 1 }
        guard shares > 0 else { return nil }
        return EntryFill(price: price, shares: shares, fee: Double(shares) * price * commission)
    }

    /// The sale of `shares` at `base` (before slippage). Stop and target prices are slipped the same way.
    package func exit(base: Double, shares: Int) -> ExitFill {
        let price = base * (1 - slippage)
        let gross = Double(shares) * price
        let fee = gross * commission
        return ExitFill(price: price, fee: fee, proceeds: gross - fee)
    }

    /// The stop level for a position bought at `entryPrice` (minus infinity when there is no stop).
    package func stop(entryPrice: Double) -> Double {
        stopLossPct.map { entryPrice * (1 - $0 / 100) } ?? -.infinity
    }

    /// The target level for a position bought at `entryPrice` (infinity when there is no target).
    package func target(entryPrice: Double) -> Double {
        takeProfitPct.map { entryPrice * (1 + $0 / 100) } ?? .infinity
    }

    /// The price an order decided the day before fills at: the open, or the close on a close-only bar.
    package static func fillBase(open: Double, close: Double, closeOnly: Bool) -> Double {
        closeOnly ? close : open
    }

    /// The stop or target a bar triggers, with the price (before slippage) it fills at: a gap through
    /// either fills at the open, and when both could fire the stop is taken. On a close-only bar both are
    /// checked against the close and fill there.
    package func stopOrTarget(
        open: Double, high: Double, low: Double, close: Double, closeOnly: Bool, stop: Double, target: Double
    ) -> (base: Double, reason: BacktestTrade.ExitReason)? {
        let o = closeOnly ? close : open
        let h = closeOnly ? close : high, l = closeOnly ? close : low
        if stopLossPct != nil, l <= stop { return (min(o, stop), .stopLoss) }
        if takeProfitPct != nil, h >= target { return (max(o, target), .takeProfit) }
        return nil
    }

    /// Why a held position is sold at the next open, decided at a close: its exit rules held, or it was
    /// held `max_hold_days` calendar days; nil to keep it.
    package func exitDecision(exitRulesHold: Bool, entryDay: Day, today: Day) -> BacktestTrade.ExitReason? {
        if exitRulesHold { return .signal }
        if let maxHold = maxHoldDays, entryDay.days(to: today) >= maxHold { return .maxHold }
        return nil
    }

    /// The closed trade of a position bought with `entry` on `entryDay` and sold with `exit` on `exitDay`.
    package static func trade(
        ticker: String, entryDay: Day, entryPrice: Double, shares: Int, entryFee: Double, exitDay: Day, exit: ExitFill,
        reason: BacktestTrade.ExitReason
    ) -> BacktestTrade {
        let pnl = Double(shares) * (exit.price - entryPrice) - entryFee - exit.fee
        return BacktestTrade(
            ticker: ticker, entryDate: entryDay, entryPrice: entryPrice, exitDate: exitDay, exitPrice: exit.price,
            shares: shares, pnl: pnl, pnlPct: pnl / (Double(shares) * entryPrice) * 100,
            daysHeld: entryDay.days(to: exitDay), exitReason: reason, fees: entryFee + exit.fee)
    }
}
