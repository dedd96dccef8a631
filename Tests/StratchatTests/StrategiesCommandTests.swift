import Foundation
import Store
import StrategyCore
import Testing
import TestSupport

/// `/strategies` against a real database file in a temporary home.
@Suite("/strategies through a pipe")
struct StrategiesCommandTests {
    /// A strategy file with one entry condition, built through the same loader users' files go through.
    func strategy(_ name: String, timeframe: String, field: String = "rsi_14") throws -> TradingStrategy {
        let text = """
            {"name": "\(name)", "timeframe": "\(timeframe)",
             "entry_conditions": [{"field": "\(field)", "operator": "lt", "value": 30}], "entry_logic": "AND",
             "exit_conditions": [{"field": "\(field)", "operator": "gt", "value": 70}], "exit_logic": "OR",
             "risk_parameters": {}}
            """
        let loaded = StrategyDocument.load(text: text)
        return try #require(loaded.strategy, "fixture strategy is invalid: \(loaded.problems)")
    }

    /// Opens the test home's database with a clock that moves one day per write, starting 2026-01-05 UTC,
    /// and ids numbered in order, so the listing is the same on every run.
    func openStore(home: URL) throws -> StratStore {
        final class Counter: @unchecked Sendable {
            private let lock = NSLock()
            private var value = 0
            func next() -> Int { lock.withLock { value += 1; return value } }
        }
        let days = Counter(), ids = Counter()
        let start = Date(timeIntervalSince1970: 1_767_571_200)  // 2026-01-05T00:00:00Z
        return try StratStore.open(
            at: home.appendingPathComponent("stratchat.db").path,
            now: { start.addingTimeInterval(Double(days.next() - 1) * 86_400) },
            makeId: { String(format: "%08x-0000-4000-8000-000000000000", 0xA1B2C300 + ids.next()) })
    }

    @Test("with no strategies it says how to make one")
    func empty() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let result = try stratchat.run(input: "/strategies\n")
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        try goldenFiles.check(result.stdout, "strategies-empty.txt")
    }

    @Test("lists the user's strategies as a table, oldest first, and never another user's")
    func listed() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let store = try openStore(home: stratchat.home)
        let dip = try store.createStrategy(strategy("RSI dip", timeframe: "short_term"), user: stratchat.user)
        var changed = dip
        changed.riskParameters.stopLossPct = 5
        _ = try store.updateStrategy(changed, user: stratchat.user)
        let trend = try store.createStrategy(
            strategy("Trend follower with a very long descriptive name", timeframe: "long_term", field: "sma_50"),
            user: stratchat.user)
        try store.setActive(id: trend.id, user: stratchat.user, active: false)
        _ = try store.createStrategy(strategy("Someone else's", timeframe: "medium_term"), user: "other")

        let unicode = try stratchat.run(input: "/strategies\n")
        #expect(unicode.status == 0)
        #expect(unicode.stderr.isEmpty)
        try goldenFiles.check(unicode.stdout, "strategies-listed.txt")
        #expect(!unicode.stdout.contains("Someone else"))

        let ascii = try stratchat.run(["--ascii"], input: "/strategies\n")
        try goldenFiles.check(ascii.stdout, "strategies-listed-ascii.txt")
    }

    @Test("a damaged database ends a piped run with code 2 and a message naming its path")
    func corrupt() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let database = stratchat.home.appendingPathComponent("stratchat.db")
        try Data("this is not sqlite".utf8).write(to: database)
        let result = try stratchat.run(input: "/strategies\n/help\n")
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty, "no line after the failure is answered")
        #expect(result.stderr.hasPrefix("error: "))
        #expect(result.stderr.contains(database.path))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test("/help and unknown commands never open the database")
    func lazyStore() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        _ = try stratchat.run(input: "/help\n/nothing\n")
        #expect(!FileManager.default.fileExists(atPath: stratchat.home.appendingPathComponent("stratchat.db").path))
    }
}
