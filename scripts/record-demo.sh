#!/usr/bin/env bash
# Records demo/session.jsonl: a full session with the offline model, typed into the REPL in tmux as a
# person would. Run it again whenever a tool's output changes on purpose (make test replays the demo and
# fails on any difference), then look at `make demo` before committing.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product stratchat
home=$(mktemp -d)
rm -f demo/session.jsonl
tmux kill-session -t stratchat-demo 2>/dev/null || true
tmux new -d -s stratchat-demo -x 120 -y 50 \
  "STRATCHAT_HOME=$home STRATCHAT_USER=demo .build/debug/stratchat --record demo/session.jsonl; sleep 60"
sleep 3
send() { tmux send-keys -t stratchat-demo "$1" Enter; sleep "$2"; }
send 'Create a strategy: buy when insiders are buying and RSI is oversold' 5
send 'yes' 20
send 'tighten the stop to 6%' 5
send 'add a condition that volume is above 1M' 5
send 'show me signals for that one' 8
send 'Create a strategy: buy on a golden cross, sell on a death cross, 8% stop' 5
send 'backtest it' 25
send 'compare them' 8
send '/quit' 2
tmux kill-session -t stratchat-demo 2>/dev/null || true
rm -rf "$home"
chmod 644 demo/session.jsonl
.build/debug/stratchat replay demo/session.jsonl
