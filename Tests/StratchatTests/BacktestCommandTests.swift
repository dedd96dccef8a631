import AgentLoop
import Foundation
import MarketData
import Store
import StrategyCore
import Testing
import Tools

/// `stratchat backtest` run as a script would run it, against the Backtesting.py reference runs and the
/// exit-code conventions of DESIGN.md.
@Suite("stratchat backtest")
struct BacktestCommandTests {
    static let fixtures = StratchatProcess.packageRoot.appendingPathComponent("Tests/StrategyCoreTests/Fixtures")
    static let msftCSV = fixtures.appendingPathComponent("msft/MSFT_1986-2017_pmdarima.csv").path
    static func reference(_ name: String, _ file: String) -> String {
        fixtures.appendingPathComponent("reference-msft/\(name)/\(file)").path
    }

    /// The JSON object on stdout.
    static func object(_ result: StratchatProcess.Result) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        return try #require(value as? [String: Any], "stdout is not one JSON object: \(result.stdout.prefix(200))")
    }

    /// Rows of a small CSV with a header.
    static func csvRows(_ path: String) throws -> [[String: String]] {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0.split(separator: ",").map(String.init))) }
    }

    static func close(_ a: Double, _ b: Double, rel: Double) -> Bool {
        abs(a - b) <= rel * max(abs(a), abs(b), 1e-12)
    }

    @Test("each Backtesting.py reference case on MSFT gives the same trades through the command line",
          arguments: ["rsi_30_70", "sma_cross_10_20", "trend_sma50_timeout30"])
    func referenceTrades(_ name: String) throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        // The flags are the reference run's own options.json (rsi_30_70: 10,000 capital, 0.1% commission, no slippage).
        let optionsData = try Data(contentsOf: URL(fileURLWithPath: Self.reference(name, "options.json")))
        let options = try #require(try JSONSerialization.jsonObject(with: optionsData) as? [String: Any])
        func flag(_ key: String) -> String { "\(options[key] ?? "")" }
        let result = try stratchat.run([
            "backtest", "--strategy", Self.reference(name, "strategy.json"), "--data-csv", Self.msftCSV,
            "--from", flag("start_date"), "--to", flag("end_date"), "--capital", flag("initial_capital"),
            "--commission-pct", flag("commission_pct"), "--slippage-bps", flag("slippage_bps"), "--fill", flag("fill"),
            "--json", "--full",
        ])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let object = try Self.object(result)
        let trades = try #require(object["trades"] as? [[String: Any]])
        let expected = try Self.csvRows(Self.reference(name, "trades.csv"))
        #expect(trades.count == expected.count)
        for (ours, theirs) in zip(trades, expected) {
            #expect(ours["entry_date"] as? String == theirs["entry_date"])
            #expect(ours["exit_date"] as? String == theirs["exit_date"])
            #expect(ours["shares"] as? Int == Int(theirs["shares"]!))
            #expect(Self.close(ours["entry_price"] as? Double ?? .nan, Double(theirs["entry_price"]!)!, rel: 1e-9))
            #expect(Self.close(ours["exit_price"] as? Double ?? .nan, Double(theirs["exit_price"]!)!, rel: 1e-9))
            #expect(Self.close(ours["pnl"] as? Double ?? .nan, Double(theirs["pnl"]!)!, rel: 1e-6))
        }
        #expect(object["start_date"] as? String == "2005-01-03")
        #expect(object["end_date"] as? String == "2017-11-10")
        // Stored nothing: a file strategy and --data-csv never create the database.
        #expect(!FileManager.default.fileExists(atPath: stratchat.home.appendingPathComponent("stratchat.db").path))
    }

    @Test("--json prints the object the chat's model reads; --full adds every trade and the equity curve")
    func jsonShape() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let arguments = ["backtest", "--strategy", Self.reference("rsi_30_70", "strategy.json"),
                         "--universe", "MSFT", "--from", "2016-01-04", "--to", "2017-11-10", "--json"]
        let result = try stratchat.run(arguments)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stderr.isEmpty)
        #expect(result.stdout.hasSuffix("}\n") && result.stdout.filter { $0 == "\n" }.count == 1)
        let object = try Self.object(result)
        for key in ["strategy_id", "strategy_name", "strategy_version", "backtest_id", "start_date", "end_date",
                    "initial_capital", "universe", "tickers", "metrics", "warnings", "range_notes", "assumptions",
                    "synthetic_data", "best_trade"] {
            #expect(object.keys.contains(key), "missing \(key)")
        }
        #expect(object["trades"] == nil && object["equity_curve"] == nil)
        let metrics = try #require(object["metrics"] as? [String: Any])
        for key in ["total_trades", "winning_trades", "losing_trades", "win_rate", "total_return_pct",
                    "total_return_dollars", "cagr_pct", "benchmark_return_pct", "exposure_pct", "avg_win_pct",
                    "avg_loss_pct", "profit_factor", "expectancy_pct", "avg_days_held", "max_drawdown_pct",
                    "max_drawdown_days", "sharpe_ratio", "sortino_ratio", "calmar_ratio", "alpha_pct", "beta",
                    "fees_paid", "open_positions"] {
            #expect(metrics.keys.contains(key), "metrics lack \(key)")
        }
        // DESIGN.md's defaults when no flag and no config set them.
        #expect(object["initial_capital"] as? Double == 100_000)
        let assumptions = try #require(object["assumptions"] as? [String])
        #expect(assumptions.contains("fills: at the next day's open after the signal"))
        #expect(assumptions.contains("costs: commission 0.00% per side, slippage 5.0 bps per fill"))
        #expect(assumptions.contains("benchmark: ^GSPC"))

        let full = try Self.object(try stratchat.run(arguments + ["--full"]))
        let trade = try #require((full["trades"] as? [[String: Any]])?.first, "expected trades in 2016-2017")
        for key in ["ticker", "entry_date", "entry_price", "exit_date", "exit_price", "shares", "pnl", "pnl_pct",
                    "days_held", "exit_reason"] {
            #expect(trade.keys.contains(key), "trade lacks \(key)")
        }
        let curve = try #require(full["equity_curve"] as? [[String: Any]])
        #expect(curve.first?.keys.sorted() == ["cash", "date", "equity", "positions_value"])
        #expect(full["metrics"] as? NSDictionary == object["metrics"] as? NSDictionary)
    }

    @Test("without dates the text output states the default range: two years back from the data's end")
    func defaultRange() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let result = try stratchat.run(["backtest", "--strategy", Self.reference("rsi_30_70", "strategy.json"),
                                        "--universe", "MSFT"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        // MSFT ends on Friday 2017-11-10; two years (730 days) earlier is 2015-11-11, a Wednesday and a trading day.
        #expect(result.stdout.hasPrefix("Backtest of \"RSI 30/70 band\" v1 (not stored): 2015-11-11 to 2017-11-10, $100,000 starting capital\n"))
        for section in ["note: no start_date: used the last 2 years of the data", "Total return", "Sharpe / Sortino / Calmar",
                        "Assumptions:", "benchmark: ^GSPC"] {
            #expect(result.stdout.contains(section), "missing \(section)")
        }
    }

    @Test("the default range of the sample universe is the span most members share, not MSFT's longer one")
    func sampleDefaultRange() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let result = try stratchat.run(["backtest", "--strategy", Self.reference("rsi_30_70", "strategy.json"), "--json"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let object = try Self.object(result)
        // The sample's members run 2009-08-21 … 2010-08-20 (data/README.md); MSFT inside it runs 1986 … 2017.
        #expect(object["start_date"] as? String == "2009-08-21")
        #expect(object["end_date"] as? String == "2010-08-20")
        let universe = (object["assumptions"] as? [String])?.first { $0.hasPrefix("universe: ") } ?? ""
        #expect(universe.hasPrefix("universe: sample (524 tickers)") && universe.contains("survivorship"))
    }

    @Test("with no universe and no dates, a 200-day strategy runs on the long history and the range line says why")
    func defaultThatFits() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let file = stratchat.home.appendingPathComponent("golden.json")
        try """
            {"name": "Golden cross", "timeframe": "long_term",
             "entry_conditions": [{"field": "sma_50", "operator": "crosses_above", "value": {"field": "sma_200"}}], "entry_logic": "AND",
             "exit_conditions": [{"field": "sma_50", "operator": "crosses_below", "value": {"field": "sma_200"}}], "exit_logic": "OR",
             "risk_parameters": {"stop_loss_pct": 8, "position_size_pct": 10}}
            """.write(to: file, atomically: true, encoding: .utf8)
        let text = try stratchat.run(["backtest", "--strategy", file.path])
        #expect(text.status == 0, "stderr: \(text.stderr)")
        #expect(text.stdout.contains("1990-10-19 to 2022-12-28"))
        #expect(text.stdout.contains("sma_200 needs 200 days of history before the first trade;"))
        #expect(text.stdout.contains("prices: long-history (real daily bars)"))
        #expect(text.stdout.contains("close-only prices for"))
        let json = try Self.object(try stratchat.run(["backtest", "--strategy", file.path, "--json"]))
        #expect(json["end_date"] as? String == "2022-12-28")
        #expect((json["metrics"] as? [String: Any])?["benchmark_return_pct"] is Double)
    }

    @Test("a missing benchmark is a warning, not a failure")
    func missingBenchmark() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let result = try stratchat.run(["backtest", "--strategy", Self.reference("rsi_30_70", "strategy.json"),
                                        "--universe", "MSFT", "--benchmark", "NOPE", "--json"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let object = try Self.object(result)
        let warnings = object["warnings"] as? [String] ?? []
        #expect(warnings.contains { $0.hasPrefix("benchmark NOPE:") })
        #expect((object["metrics"] as? [String: Any])?["benchmark_return_pct"] is NSNull)
    }

    @Test("a benchmark whose data stops before the range ends is reported, not read as flat")
    func staleBenchmark() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        // Thirty weekdays of a made-up ticker in 2023; the longest embedded ^GSPC (the long history's) ends on
        // 2022-12-28 (data/README.md).
        var lines = ["Date,Open,High,Low,Close,Volume"]
        var day = Calendar(identifier: .gregorian).date(from: DateComponents(timeZone: .gmt, year: 2023, month: 1, day: 9))!
        let format = ISO8601DateFormatter()
        format.formatOptions = [.withFullDate]
        for k in 0..<30 {
            lines.append("\(format.string(from: day)),\(10 + k),\(11 + k),\(9 + k),\(10 + k),1000")
            day = day.addingTimeInterval(Calendar(identifier: .gregorian).component(.weekday, from: day) == 6 ? 3 * 86_400 : 86_400)
        }
        let file = stratchat.home.appendingPathComponent("NEW.csv")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: file)
        let result = try stratchat.run(["backtest", "--strategy", Self.reference("rsi_30_70", "strategy.json"),
                                        "--data-csv", file.path, "--json"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let object = try Self.object(result)
        let warnings = object["warnings"] as? [String] ?? []
        #expect(warnings.contains { $0.hasPrefix("benchmark ^GSPC ends on 2022-12-28") })
        let metrics = try #require(object["metrics"] as? [String: Any])
        #expect(metrics["benchmark_return_pct"] is NSNull)
        #expect(metrics["total_trades"] as? Int == 0)
    }

    @Test("bad input exits 2 with one line on stderr", arguments: [
        ("unreadable strategy", ["--strategy", "/no/such/strategy.json", "--universe", "MSFT"], "cannot read the strategy"),
        ("empty date range", ["--universe", "MSFT", "--from", "2012-01-01", "--to", "2011-01-01"], "is empty"),
        ("range past the data", ["--universe", "MSFT", "--from", "2019-01-01"], "ends on 2017-11-10, before --from 2019-01-01"),
        ("unknown universe", ["--universe", "NOSUCHSET"], "No universe or ticker called"),
        ("range with no bars", ["--universe", "MSFT", "--from", "1970-01-01", "--to", "1980-01-01"], "after --to 1980-01-01"),
        ("bad date", ["--universe", "MSFT", "--from", "01/02/2015"], "is not a date"),
        ("CSV with no valid rows", ["--data-csv", reference("rsi_30_70", "options.json")], "no valid rows"),
        ("unknown id", ["--strategy", "no-such-strategy", "--universe", "MSFT"], "no stored strategy matches"),
    ])
    func badInput(_ name: String, _ arguments: [String], _ message: String) throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        var args = ["backtest"] + arguments
        if !arguments.contains("--strategy") { args += ["--strategy", Self.reference("rsi_30_70", "strategy.json")] }
        let result = try stratchat.run(args + ["--json"])
        #expect(result.status == 2, "\(name): \(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("error: ") && result.stderr.contains(message), "\(name): \(result.stderr)")
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
    }

    @Test("a strategy file with problems exits 1; conflicting flags are a usage error (64)")
    func invalidAndUsage() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let file = stratchat.home.appendingPathComponent("bad.json")
        try Data("""
            {"name": "Bad", "timeframe": "medium_term",
             "entry_conditions": [{"field": "rsi14", "operator": "lt", "value": 30}], "entry_logic": "AND",
             "exit_conditions": [], "exit_logic": "OR", "risk_parameters": {}}
            """.utf8).write(to: file)
        let invalid = try stratchat.run(["backtest", "--strategy", file.path, "--universe", "MSFT"])
        #expect(invalid.status == 1)
        #expect(invalid.stderr.contains("rsi_14"))
        let usage = try stratchat.run(["backtest", "--strategy", file.path, "--universe", "MSFT", "--data-csv", Self.msftCSV])
        #expect(usage.status == 64)
    }

    @Test("a stored strategy, named by its name, is backtested and the backtest saved with its version")
    func storedStrategy() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let text = try String(contentsOfFile: Self.reference("rsi_30_70", "strategy.json"), encoding: .utf8)
        let strategy = try #require(StrategyDocument.load(text: text).strategy)
        let created: StoredStrategy
        do {
            let store = try StratStore.open(at: stratchat.home.appendingPathComponent("stratchat.db").path)
            created = try store.createStrategy(strategy, user: stratchat.user)
        }
        let result = try stratchat.run(["backtest", "--strategy", "rsi 30/70", "--universe", "MSFT",
                                        "--from", "2016-01-04", "--to", "2017-11-10", "--json"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let object = try Self.object(result)
        #expect(object["strategy_id"] as? String == created.id)
        #expect(object["strategy_version"] as? Int == created.version)
        let backtestId = try #require(object["backtest_id"] as? String)
        let store = try StratStore.open(at: stratchat.home.appendingPathComponent("stratchat.db").path)
        let saved = try #require(try store.backtest(id: backtestId, user: stratchat.user))
        #expect(saved.totalTrades == (object["metrics"] as? [String: Any])?["total_trades"] as? Int)
        // Another user cannot see it, so cannot backtest it either.
        var other = stratchat
        other.user = "someone-else"
        let foreign = try other.run(["backtest", "--strategy", "rsi 30/70", "--universe", "MSFT"])
        #expect(foreign.status == 2)
    }
}

/// `stratchat backtest --json` and the chat's `backtest_strategy` run one backtest service, so the same
/// inputs give the same bytes, whatever dates are left out.
@Suite("stratchat backtest and backtest_strategy agree")
struct BacktestAgreementTests {
    static let seed: UInt64 = 20_260_105
    static let strategyId = "0f1e2d3c-4b5a-4968-8776-655443322110"

    /// A store holding the reference RSI strategy under a fixed id, as a file at `path` or in memory.
    static func store(at path: String?) throws -> StratStore {
        let text = try String(contentsOfFile: BacktestCommandTests.reference("rsi_30_70", "strategy.json"), encoding: .utf8)
        let strategy = try #require(StrategyDocument.load(text: text).strategy)
        let clock: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_767_571_200) }
        let store = try path.map { try StratStore.open(at: $0, now: clock, makeId: { strategyId }) }
            ?? StratStore.inMemory(now: clock, makeId: { strategyId })
        _ = try store.createStrategy(strategy, user: "tester")
        return store
    }

    @Test("the command's --json and the tool's model JSON are byte for byte the same", arguments: [
        ("no dates", [String](), [String: AgentJSON]()),
        ("a start and no end date", ["--from", "2016-01-04"], ["start_date": "2016-01-04"]),
        ("an end past the data, clamped to its last day", ["--from", "2016-01-04", "--to", "2030-01-01"],
         ["start_date": "2016-01-04", "end_date": "2030-01-01"]),
    ])
    func sameBytes(_ name: String, _ flags: [String], _ arguments: [String: AgentJSON]) async throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        _ = try Self.store(at: stratchat.home.appendingPathComponent("stratchat.db").path)
        let command = try stratchat.run(["backtest", "--strategy", Self.strategyId, "--universe", "MSFT", "--json"] + flags,
                                        extraEnvironment: ["STRATCHAT_TEST_SEED": String(Self.seed)])
        #expect(command.status == 0, "\(name): \(command.stderr)")

        let store = try Self.store(at: nil)
        let ids = SeededIds(seed: Self.seed)
        let context = ToolContext(store: store, userId: "tester", marketData: try MarketData.offline(storage: store),
                                  interpreter: TextParserStrategyInterpreter(), makeId: { ids.next() })
        var call = arguments
        call["strategy_id"] = .string(Self.strategyId)
        call["universe"] = "MSFT"
        let tool = try await StrategyToolbox(context: context).run(
            ToolCall(id: "agreement", name: ToolName.backtestStrategy.rawValue, argumentsJSON: AgentJSON.object(call).compactText))
        #expect(!tool.isError, "\(name): \(tool.modelContent)")
        #expect(command.stdout == tool.modelContent + "\n", "\(name)")
    }
}
