#!/usr/bin/env bash
# Drives `stratchat mcp` with the official Python MCP client (the `mcp` package from PyPI, in a local venv):
# lists the tools, creates and backtests a strategy, reads a resource, and prints what came back.
# Needs PyPI, so it is not part of `make test`. Uses a fresh, temporary STRATCHAT_HOME.
#   scripts/mcp-smoke.sh               the release build if there is one, else the debug build
#   STRATCHAT_BIN=path scripts/mcp-smoke.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="${STRATCHAT_BIN:-}"
if [ -z "$bin" ]; then
  for candidate in "$root/.build/release/stratchat" "$root/.build/debug/stratchat"; do
    if [ -x "$candidate" ]; then bin="$candidate"; break; fi
  done
fi
if [ -z "$bin" ] || [ ! -x "$bin" ]; then
  echo "error: no stratchat binary; run \`swift build\` or \`make build\` first, or set STRATCHAT_BIN" >&2
  exit 2
fi
venv="$root/scripts/.venv-mcp"
if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv"; fi
"$venv/bin/pip" install -q --disable-pip-version-check mcp
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
echo "client: mcp $("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("mcp"))'), server: $bin"
STRATCHAT_BIN="$bin" SMOKE_HOME="$home" "$venv/bin/python" - <<'PY'
import asyncio, json, os
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

def get(obj, name):
    """A field by its snake_case name (mcp 2) or its camelCase one (mcp 1)."""
    if hasattr(obj, name):
        return getattr(obj, name)
    head, *rest = name.split("_")
    return getattr(obj, head + "".join(part.title() for part in rest))

async def main():
    params = StdioServerParameters(
        command=os.environ["STRATCHAT_BIN"], args=["mcp"],
        env={"STRATCHAT_HOME": os.environ["SMOKE_HOME"], "STRATCHAT_USER": "smoke", "PATH": "/usr/bin:/bin"})
    async with stdio_client(params) as (read, write):
        async with ClientSession(read, write) as session:
            init = await session.initialize()
            print(f"initialize: {get(init, 'server_info').name} {get(init, 'server_info').version}, protocol {get(init, 'protocol_version')}")
            tools = (await session.list_tools()).tools
            print(f"tools/list: {len(tools)} tools: {', '.join(t.name for t in tools)}")
            for t in tools:
                a = t.annotations
                if a and (get(a, 'destructive_hint') or get(a, 'read_only_hint')):
                    print(f"  {t.name}: {'destructive' if get(a, 'destructive_hint') else 'read-only'}")
            created = await session.call_tool("create_trading_strategy", {
                "strategy_description": "buy when rsi_14 is below 30, sell when rsi_14 is above 70",
                "strategy_name": "RSI dip"})
            print(f"create_trading_strategy: isError={get(created, 'is_error')}")
            print(created.content[0].text)
            sid = get(created, 'structured_content')["strategy_id"]
            steps = []
            async def progress(done, total, message):
                steps.append((done, total, message))
            result = await session.call_tool("backtest_strategy", {
                "strategy_id": sid, "tickers": ["AAPL", "MSFT"], "start_date": "2009-06-01", "end_date": "2010-06-30"},
                progress_callback=progress)
            print(f"backtest_strategy: isError={get(result, 'is_error')}, {len(steps)} progress notifications"
                  + (f", last: {steps[-1][2]} {steps[-1][0]:.0f}/{steps[-1][1]:.0f}" if steps else ""))
            print(result.content[0].text)
            metrics = get(result, 'structured_content')["metrics"]
            print("structuredContent.metrics: " + json.dumps({k: metrics[k] for k in
                  ("total_return_pct", "total_trades", "win_rate_pct", "max_drawdown_pct", "sharpe_ratio") if k in metrics}))
            bad = await session.call_tool("backtest_strategy", {"strategy_id": "RSI dipp"})
            print(f"a misspelt strategy: isError={get(bad, 'is_error')}: {bad.content[0].text}")
            resources = (await session.list_resources()).resources
            print("resources/list: " + ", ".join(str(r.uri) for r in resources))
            report = await session.read_resource(resources[-1].uri)
            print(f"resources/read {resources[-1].uri}: {get(report.contents[0], 'mime_type')}, {len(report.contents[0].text)} characters")
            prompts = (await session.list_prompts()).prompts
            print("prompts/list: " + ", ".join(p.name for p in prompts))

asyncio.run(main())
PY
