import AgentLoop
import Foundation
import MarketData
import Store
import StrategyCore
import Testing
@testable import Tools

@Suite("backtest_strategy on the embedded data set")
struct BacktestToolTests {
    @Test("with a universe and no dates it uses the data it has (less than 2 years) and says so")
    func defaultsToTheDataRange() async throws {
        let fixture = try ToolFixture()
        let strategy = try fixture.add()
        // The universe named, so the default-data choice (whose one line says all this) is off.
        let output = try await fixture.call("backtest_strategy", ["strategy_id": .string(strategy.id), "universe": "sample"])
        #expect(!output.isError)
        // data/README.md: the sample runs 2009-08-21 … 2010-08-20 (its MSFT series runs longer, to 2017).
        let (first, last) = ("2009-08-21", "2010-08-20")
        #expect(output.json["start_date"]?.stringValue == first)
        #expect(output.json["end_date"]?.stringValue == last)
        #expect(output.json["initial_capital"]?.numberValue == 100_000)
        let notes = output.json["range_notes"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(notes.contains { $0.contains("less than 2 years") })
        #expect(notes.contains { $0.contains("some tickers run to 2017-11-10") })
        let display = try #require(output.display)
        #expect(display.contains("\(first) to \(last), $100,000 starting capital"))
        #expect(display.contains("Assumptions:"))
        #expect(display.contains("survivorship"))
        #expect(display.contains("next day's open"))
        // Compact for the model: no equity curve, no trade list.
        #expect(output.json["equity_curve"] == nil)
        #expect(output.modelContent.count < 6_000)
        #expect(try fixture.store.latestBacktest(strategyId: strategy.id, user: ToolFixture.user)?.backtestId == output.json["backtest_id"]?.stringValue)
    }

    @Test("the tool's trades are the engine's trades on the same inputs")
    func matchesDirectEngineRun() async throws {
        let fixture = try ToolFixture()
        let strategy = try fixture.add()
        let output = try await fixture.call("backtest_strategy", [
            "strategy_id": .string(strategy.id), "start_date": "2009-11-02", "end_date": "2010-06-30", "initial_capital": 50_000,
        ])
        #expect(!output.isError)
        let stored = try #require(try fixture.store.latestBacktest(strategyId: strategy.id, user: ToolFixture.user))

        let data = try MarketData.offline()
        let series = try await data.bars(for: try data.resolve(universe: "sample"))
        let benchmark = try await data.bars(for: try data.resolve(universe: "^GSPC")).first
        let direct = try BacktestEngine.run(BacktestRequest(
            strategy: strategy.definition, series: series, benchmark: benchmark, start: Day(iso: "2009-11-02")!, end: Day(iso: "2010-06-30")!,
            initialCapital: 50_000, dataLabel: "direct", universeLabel: "sample"))
        #expect(!direct.trades.isEmpty)
        #expect(stored.trades == direct.trades)
        #expect(stored.totalReturnPct == direct.totalReturnPct)
        #expect(stored.benchmarkReturnPct == direct.benchmarkReturnPct)
        #expect(output.json["metrics"]?["total_trades"]?.numberValue == Double(direct.totalTrades))
    }

    @Test("tickers and a start date: AAPL and MSFT since 2015 uses what the data holds")
    func tickersSinceDate() async throws {
        let fixture = try ToolFixture()
        let strategy = try fixture.add()
        let output = try await fixture.call("backtest_strategy", [
            "strategy_id": .string(strategy.id), "tickers": ["aapl", "MSFT"], "start_date": "2015-01-01",
        ])
        #expect(!output.isError)
        #expect(output.json["tickers"]?.numberValue == 2)
        let start = try #require(output.json["start_date"]?.stringValue.flatMap { Day(iso: $0) })
        #expect(start >= Day(iso: "2015-01-01")!)
        // MSFT's embedded series ends 2017-11-10 (data/README.md); AAPL's in 2010, which the warnings name.
        #expect(output.json["end_date"]?.stringValue == "2017-11-10")
        #expect(output.display?.contains("AAPL, MSFT") == true)
    }

    @Test("an insider strategy's backtest is labelled synthetic sample")
    func syntheticLabel() async throws {
        let fixture = try ToolFixture()
        let strategy = try fixture.add(Samples.insiderRSI)
        let output = try await fixture.call("backtest_strategy", ["strategy_id": .string(strategy.id), "tickers": ["AAPL", "IBM", "XOM"]])
        #expect(!output.isError)
        #expect(output.display?.contains("synthetic sample") == true)
        #expect(output.json["synthetic_data"]?.arrayValue?.isEmpty == false)
    }

    struct BadArgument: CustomTestStringConvertible, Sendable {
        let name: String
        let arguments: [String: AgentJSON]
        let mentions: String
        var testDescription: String { name }
    }

    static let badArguments: [BadArgument] = [
        BadArgument(name: "missing id", arguments: [:], mentions: "strategy_id"),
        BadArgument(name: "bad date", arguments: ["start_date": "2010-13-01"], mentions: "YYYY-MM-DD"),
        BadArgument(name: "date in another format", arguments: ["end_date": "06/30/2010"], mentions: "YYYY-MM-DD"),
        BadArgument(name: "end before start", arguments: ["start_date": "2010-05-01", "end_date": "2010-01-01"], mentions: "before start_date"),
        BadArgument(name: "unknown ticker", arguments: ["tickers": ["ZZZQ"]], mentions: "ZZZQ"),
        BadArgument(name: "unknown universe", arguments: ["universe": "nasdaq9000"], mentions: "nasdaq9000"),
        BadArgument(name: "tickers and universe", arguments: ["tickers": ["AAPL"], "universe": "sample"], mentions: "either tickers or a universe"),
        BadArgument(name: "zero capital", arguments: ["initial_capital": 0], mentions: "above zero"),
        BadArgument(name: "start after the data", arguments: ["start_date": "2030-01-01"], mentions: "ends on"),
        BadArgument(name: "end before the data", arguments: ["end_date": "1980-01-01"], mentions: "starts on"),
        BadArgument(name: "tickers not a list", arguments: ["tickers": "AAPL"], mentions: "list"),
    ]

    @Test("each documented bad argument is an error the model can read", arguments: badArguments)
    func rejectsBadArgument(_ bad: BadArgument) async throws {
        let fixture = try ToolFixture()
        let strategy = try fixture.add()
        var arguments = bad.arguments
        if bad.name != "missing id" { arguments["strategy_id"] = .string(strategy.id) }
        let output = try await fixture.call("backtest_strategy", .object(arguments))
        #expect(output.isError)
        #expect(output.modelContent.lowercased().contains(bad.mentions.lowercased()))
        #expect(try fixture.store.latestBacktest(strategyId: strategy.id, user: ToolFixture.user) == nil)
    }
}
