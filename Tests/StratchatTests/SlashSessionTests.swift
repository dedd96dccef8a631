import AgentLoop
import Foundation
import Testing
import TestSupport

/// A whole session driven through a pipe with slash commands only, no model configured: create, backtest,
/// refine, show, signals, compare, pause, list, delete. The output is compared with a golden file; the ids
/// and the clock are pinned by `STRATCHAT_TEST_SEED`.
@Suite("A slash-command session through a pipe")
struct SlashSessionTests {
    static let seed: UInt64 = 7

    /// The id the store gives the first strategy of a session with this seed (the first id the seeded
    /// generator makes), cut to the 8 characters a person would type.
    static var firstId: String { String(SeededIds(seed: seed).next().prefix(8)) }

    @Test("from /new to /compare and /delete, with no model, reads the same on every run")
    func createToCompare() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let id = Self.firstId
        let script = """
            /new buy when RSI(14) is below 30 and the close is above the 200-day average, sell when RSI is above 70, 8% stop
            /backtest
            /refine \(id) tighten the stop to 6%
            /show
            /signals
            /compare
            /pause
            /strategies
            /delete \(id)
            y
            /strategies

            """
        let result = try stratchat.run(input: script, extraEnvironment: ["STRATCHAT_TEST_SEED": String(Self.seed)])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty, "stderr: \(result.stderr)")
        // The facts the golden file holds, stated on their own so a re-recording cannot lose them unnoticed.
        #expect(result.stdout.contains("Created strategy \"RSI(14) + close\" (id \(id), v1)"))
        #expect(result.stdout.contains("Backtest of \"RSI(14) + close\" v1 (id \(id))"))
        #expect(result.stdout.contains("stop loss: 8% → 6%"))
        #expect(result.stdout.contains("\"RSI(14) + close\" (id \(id)) is now paused"))
        #expect(result.stdout.contains("Delete \"RSI(14) + close\" and its backtests and signals? (y/N) y\nDeleted"))
        #expect(result.stdout.hasSuffix("No strategies yet — describe one, e.g. \"buy when rsi_14 drops below 30 and sell when it rises above 70\".\n"))
        try goldenFiles.check(result.stdout, "slash-session.txt")
    }

    @Test("/delete answered with anything but yes deletes nothing")
    func deleteDeclined() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let result = try stratchat.run(
            input: "/new buy when rsi_14 is below 30, sell when rsi_14 is above 70\n/delete \(Self.firstId)\n\n/strategies\n",
            extraEnvironment: ["STRATCHAT_TEST_SEED": String(Self.seed)])
        #expect(result.status == 0)
        #expect(result.stdout.contains("(y/N) \nNothing was deleted.\n"))
        #expect(result.stdout.contains("│ \(Self.firstId) │"))
    }

    @Test("/backtest with no id and nothing named in the session says what to type, and the session goes on")
    func backtestWithoutStrategy() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let result = try stratchat.run(input: "/backtest\n/compare 2w\n/revert abcd\n/strategies\n")
        #expect(result.stderr == """
            error: No strategy was created or named in this session yet: /backtest ID (/strategies lists yours).
            error: Unknown timeframe "2w": use one of 7d, 30d, 90d, 1y, all.
            error: Say which version to restore: /revert ID VERSION, e.g. /revert a1b2c3d4 1

            """)
        #expect(result.stdout.hasPrefix("No strategies yet"))
        #expect(result.status == 1)
    }
}
