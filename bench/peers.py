#!/usr/bin/env python3
"""Times stratchat's engine against vectorbt and Backtesting.py on the same workload, in one run.

Workload (as `make bench`): 500 tickers x 10 years of seeded random-walk bars (synthetic sample),
exported by `stratchat-bench --export small`; entry rsi_14 < 30 AND close > sma_200 (Wilder RSI),
exit rsi_14 > 70, 8% stop, 30-day limit, 5% positions, 0.1% commission, 5 bps slippage, fills at
the next open.

- stratchat: `stratchat-bench --case small` (whole backtest: indicators, simulation, metrics).
- vectorbt: `Portfolio.from_signals` on the same entry/exit signals (computed here in numpy and not
  timed), entries/exits shifted one bar and filled at the open, `sl_stop=0.08` against open/high/low,
  one cash account for the group, each entry 5% of the cash then available (from_signals has no
  percent-of-equity sizing), plus total return, Sharpe and max drawdown. Timed cold (first call
  in a fresh process: JIT compile on the very first run, numba's on-disk cache after that) and
  warm (best of 3 later calls). vectorbt's
  from_signals has no holding-time limit, so the 30-day exit is left out there.
- Backtesting.py: one ticker at a time (it has no portfolio); a subset of tickers is timed and the
  time is extrapolated to all 500, as printed.

Usage: bench/.venv/bin/python bench/peers.py path/to/stratchat-bench
"""
import json
import os
import pathlib
import subprocess
import sys
import time

import numpy as np

os.environ.setdefault("TQDM_DISABLE", "1")  # Backtesting.py progress bars

HERE = pathlib.Path(__file__).resolve().parent
BENCH = sys.argv[1] if len(sys.argv) > 1 else str(HERE.parent / ".build/release/stratchat-bench")
DATA = HERE / "data/small"
BT_SUBSET = int(os.environ.get("BT_SUBSET", "10"))


def load():
    meta = json.loads((DATA / "meta.json").read_text())
    n, bars = meta["tickers"], meta["bars"]
    cols = {k: np.fromfile(DATA / f"{k}.f64", dtype="<f8").reshape(n, bars).T.copy()
            for k in ["open", "high", "low", "close", "volume"]}
    days = (DATA / "days.txt").read_text().split()
    return cols, days


def wilder_rsi(close, n=14):
    """Wilder's RSI over columns, seeded with the simple mean of the first n gains/losses."""
    d = np.diff(close, axis=0)
    gain, loss = np.where(d > 0, d, 0.0), np.where(d < 0, -d, 0.0)
    out = np.full(close.shape, np.nan)
    ag, al = gain[:n].mean(axis=0), loss[:n].mean(axis=0)
    for i in range(n, close.shape[0]):
        if i > n:
            ag = (ag * (n - 1) + gain[i - 1]) / n
            al = (al * (n - 1) + loss[i - 1]) / n
        with np.errstate(divide="ignore", invalid="ignore"):
            out[i] = np.where(al == 0, 100.0, 100.0 - 100.0 / (1.0 + ag / al))
    return out


def sma(x, n):
    c = np.cumsum(np.vstack([np.zeros((1, x.shape[1])), x]), axis=0)
    out = np.full(x.shape, np.nan)
    out[n - 1:] = (c[n:] - c[:-n]) / n
    return out


def signals(cols):
    rsi, s200 = wilder_rsi(cols["close"]), sma(cols["close"], 200)
    with np.errstate(invalid="ignore"):
        entries = (rsi < 30) & (cols["close"] > s200)
        exits = rsi > 70
    return entries, exits


def vectorbt_run(cols, days, entries, exits):
    import pandas as pd
    import vectorbt as vbt
    idx = pd.DatetimeIndex(days)
    frame = lambda a: pd.DataFrame(a, index=idx)
    e = frame(entries).shift(1, fill_value=False)
    x = frame(exits).shift(1, fill_value=False)
    pf = vbt.Portfolio.from_signals(
        close=frame(cols["close"]), entries=e, exits=x, price=frame(cols["open"]), open=frame(cols["open"]),
        high=frame(cols["high"]), low=frame(cols["low"]), sl_stop=0.08, size=0.05, size_type="percent",
        fees=0.001, slippage=0.0005, init_cash=100_000, cash_sharing=True, group_by=True, call_seq="auto", freq="1D")
    return pf.total_return(), pf.sharpe_ratio(), pf.max_drawdown(), pf.trades.count()


def backtesting_ticker(cols, days, k):
    import pandas as pd
    from backtesting import Backtest, Strategy

    df = pd.DataFrame({"Open": cols["open"][:, k], "High": cols["high"][:, k], "Low": cols["low"][:, k],
                       "Close": cols["close"][:, k], "Volume": cols["volume"][:, k]}, index=pd.DatetimeIndex(days))

    class RsiTrend(Strategy):
        def init(self):
            self.rsi = self.I(lambda c: wilder_rsi(np.asarray(c)[:, None])[:, 0], self.data.Close)
            self.s200 = self.I(lambda c: sma(np.asarray(c)[:, None], 200)[:, 0], self.data.Close)

        def next(self):
            if self.position:
                held = (self.data.index[-1] - self.trades[0].entry_time).days
                if self.rsi[-1] > 70 or held >= 30:
                    self.position.close()
            elif self.rsi[-1] < 30 and self.data.Close[-1] > self.s200[-1]:
                self.buy(size=0.05, sl=self.data.Close[-1] * 0.92)

    bt = Backtest(df, RsiTrend, cash=100_000, commission=0.001, finalize_trades=True)
    return bt.run()


# The sweep comparison: a grid of RSI entry threshold x stop from `stratchat-bench --sweep`'s own grid
# (50 thresholds 20..44.5 by 0.5 x 20 stops 4..23%). vectorbt broadcasts every variant as its own group of
# 500 columns, so memory grows with the grid: it runs a 5 x 5 corner of the same grid.
SWEEP_THRESHOLDS = [float(x) for x in os.environ.get("SWEEP_THRESHOLDS", "20,26,32,38,44").split(",")]
SWEEP_STOPS = [float(x) for x in os.environ.get("SWEEP_STOPS", "4,8,12,16,20").split(",")]


def sweep_signals(cols):
    """Entry and exit columns for every variant, tickers fastest, and each variant's stop per column."""
    rsi, s200 = wilder_rsi(cols["close"]), sma(cols["close"], 200)
    n = cols["close"].shape[1]
    with np.errstate(invalid="ignore"):
        trend = cols["close"] > s200
        exits = rsi > 70
        blocks = [(rsi < th) & trend for th in SWEEP_THRESHOLDS for _ in SWEEP_STOPS]
    stops = np.repeat([st / 100 for _ in SWEEP_THRESHOLDS for st in SWEEP_STOPS], n)
    return np.hstack(blocks), np.tile(exits, (1, len(blocks))), stops


def vectorbt_sweep(cols, days, entries, exits, stops):
    import pandas as pd
    import vectorbt as vbt
    variants = entries.shape[1] // cols["close"].shape[1]
    idx = pd.DatetimeIndex(days)
    tile = lambda a: pd.DataFrame(np.tile(a, (1, variants)), index=idx)
    e = pd.DataFrame(entries, index=idx).shift(1, fill_value=False)
    x = pd.DataFrame(exits, index=idx).shift(1, fill_value=False)
    groups = np.repeat(np.arange(variants), cols["close"].shape[1])
    pf = vbt.Portfolio.from_signals(
        close=tile(cols["close"]), entries=e, exits=x, price=tile(cols["open"]), open=tile(cols["open"]),
        high=tile(cols["high"]), low=tile(cols["low"]), sl_stop=stops[None, :], size=0.05, size_type="percent",
        fees=0.001, slippage=0.0005, init_cash=100_000, cash_sharing=True, group_by=groups, call_seq="auto", freq="1D")
    return pf.total_return(), pf.sharpe_ratio(), pf.max_drawdown(), pf.trades.count()


def peak_rss_mb():
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def sweep_main():
    """`peers.py BENCH --sweep`: our time per variant (the 1,000-variant sweep) against vectorbt's on a 5 x 5 grid."""
    subprocess.run([BENCH, "--export", "small", str(DATA)], check=True)
    ours = json.loads(subprocess.run([BENCH, "--sweep", "1000", "--json"], check=True, capture_output=True,
                                     text=True).stdout.strip().splitlines()[-1])
    cols, days = load()
    t = time.perf_counter()
    entries, exits, stops = sweep_signals(cols)
    t_signals = time.perf_counter() - t
    variants = len(SWEEP_THRESHOLDS) * len(SWEEP_STOPS)
    t = time.perf_counter()
    vectorbt_sweep(cols, days, entries, exits, stops)
    first = time.perf_counter() - t
    t = time.perf_counter()
    vectorbt_sweep(cols, days, entries, exits, stops)
    warm = time.perf_counter() - t
    our_per = ours["wallSeconds"] / ours["variants"]
    print(f"sweep grid: RSI entry threshold x stop over {cols['close'].shape[1]} tickers x {len(days)} bars (synthetic sample)")
    print(f"stratchat: {ours['variants']} variants in {ours['wallSeconds']:.2f} s wall ({ours['cpuSeconds']:.2f} s CPU, 2 workers),"
          f" {our_per * 1e3:.2f} ms per variant, peak RSS {ours['sweepPeakRSS'] / 1048576:.0f} MB")
    print(f"vectorbt:  {variants} variants ({len(SWEEP_THRESHOLDS)} thresholds x {len(SWEEP_STOPS)} stops) warm {warm:.2f} s"
          f" ({warm / variants * 1e3:.1f} ms per variant; first call with JIT {first:.2f} s), peak RSS {peak_rss_mb():.0f} MB")
    print(f"per variant, vectorbt / stratchat = {warm / variants / our_per:.1f}x"
          f" (vectorbt's time excludes building its signal matrices, {t_signals:.2f} s in numpy, and it has no 30-day limit)")


def main():
    if sys.argv[2:3] == ["--sweep"]:
        sweep_main()
        return
    if sys.argv[1:2] == ["--vectorbt-cold"]:
        cols, days = load()
        entries, exits = signals(cols)
        t = time.perf_counter()
        vectorbt_run(cols, days, entries, exits)
        print(json.dumps({"cold": time.perf_counter() - t}))
        return

    subprocess.run([BENCH, "--export", "small", str(DATA)], check=True)
    ours = json.loads(subprocess.run([BENCH, "--case", "small"], check=True, capture_output=True, text=True).stdout)
    cols, days = load()
    n = cols["close"].shape[1]
    t = time.perf_counter()
    entries, exits = signals(cols)
    t_signals = time.perf_counter() - t

    cold = json.loads(subprocess.run([sys.executable, __file__, "--vectorbt-cold"], check=True,
                                     capture_output=True, text=True).stdout)["cold"]
    vectorbt_run(cols, days, entries, exits)  # warm the JIT in this process
    warm = []
    for _ in range(3):
        t = time.perf_counter()
        result = vectorbt_run(cols, days, entries, exits)
        warm.append(time.perf_counter() - t)
    warm = min(warm)

    import warnings
    warnings.filterwarnings("ignore")
    backtesting_ticker(cols, days, 0)  # first call pays imports
    subset = min(BT_SUBSET, n)
    t = time.perf_counter()
    for k in range(subset):
        backtesting_ticker(cols, days, k)
    bt_subset = time.perf_counter() - t
    bt_all = bt_subset / subset * n

    our_wall, our_cpu = ours["bestSeconds"], ours["bestCPUSeconds"]
    print(f"workload: {n} tickers x {len(days)} bars (synthetic sample), rsi_14<30 & close>sma_200, exit rsi_14>70, 8% stop, 5% positions")
    print(f"stratchat (whole backtest incl. indicators + metrics): {our_wall * 1e3:9.1f} ms wall  ({our_cpu * 1e3:.1f} ms CPU)  {ours['trades']} trades")
    print(f"vectorbt from_signals + stats, warm JIT (best of 3):   {warm * 1e3:9.1f} ms   -> stratchat is {warm / our_wall:6.1f}x faster")
    print(f"vectorbt first call, fresh process (JIT/numba cache):{cold * 1e3:9.1f} ms   -> stratchat is {cold / our_wall:6.1f}x faster")
    print(f"Backtesting.py, one ticker at a time: {subset} tickers took {bt_subset:.2f} s; extrapolated x{n / subset:.0f} to {n}:"
          f" {bt_all:8.2f} s -> stratchat is {bt_all / our_wall:6.0f}x faster")
    print(f"(vectorbt's time excludes computing the signals, done in numpy in {t_signals * 1e3:.0f} ms, and has no 30-day limit;"
          f" vectorbt trades: {int(np.asarray(result[3]).sum())})")


if __name__ == "__main__":
    main()
