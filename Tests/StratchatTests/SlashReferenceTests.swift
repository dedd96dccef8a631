import Foundation
import Store
import StrategyCore
import Testing

/// How slash commands find a strategy from what was typed: an id, a prefix of 4 or more characters, or a
/// name in any case; an ambiguous reference lists the candidates, an unknown one suggests the nearest name.
@Suite("Strategy references in slash commands")
struct SlashReferenceTests {
    /// Three strategies for the test user with ids a1b2c301…, a1b2c302…, b7000003…, and one of another user.
    func seededHome() throws -> StratchatProcess {
        let stratchat = try StratchatProcess()
        let fixtures = StrategiesCommandTests()
        let store = try fixtures.openStore(home: stratchat.home)
        _ = try store.createStrategy(fixtures.strategy("RSI dip", timeframe: "short_term"), user: stratchat.user)
        _ = try store.createStrategy(fixtures.strategy("RSI dip buyer", timeframe: "short_term"), user: stratchat.user)
        _ = try store.createStrategy(fixtures.strategy("Trend", timeframe: "long_term", field: "sma_50"), user: stratchat.user)
        _ = try store.createStrategy(fixtures.strategy("Theirs", timeframe: "long_term"), user: "someone-else")
        return stratchat
    }

    /// The name `/show` printed first, or nil.
    func shown(_ stdout: String) -> String? {
        guard stdout.hasPrefix("\""), let end = stdout.dropFirst().firstIndex(of: "\"") else { return nil }
        return String(stdout[stdout.index(after: stdout.startIndex)..<end])
    }

    @Test("a reference resolves to one strategy", arguments: [
        ("a full id", "a1b2c302-0000-4000-8000-000000000000", "RSI dip buyer"),
        ("a unique id prefix of 8", "a1b2c302", "RSI dip buyer"),
        ("a unique id prefix of 4, in capitals", "A1B2C303", "Trend"),
        ("an exact name in another case", "rsi DIP", "RSI dip"),
        ("an exact name, beating a longer name that starts with it", "RSI dip", "RSI dip"),
        ("a unique name prefix", "tre", "Trend"),
    ])
    func resolves(_ rule: String, reference: String, name: String) throws {
        let stratchat = try seededHome()
        defer { stratchat.cleanUp() }
        let result = try stratchat.run(input: "/show \(reference)\n")
        #expect(result.stderr.isEmpty, "\(rule): \(result.stderr)")
        #expect(shown(result.stdout) == name, "\(rule)")
    }

    @Test("an ambiguous id prefix lists every candidate with its id prefix and name")
    func ambiguousId() throws {
        let stratchat = try seededHome()
        defer { stratchat.cleanUp() }
        let result = try stratchat.run(input: "/backtest a1b2\n")
        #expect(result.stdout.isEmpty)
        #expect(result.status == 1)
        #expect(result.stderr == """
            error: "a1b2" matches 3 strategies:
              a1b2c301  RSI dip
              a1b2c302  RSI dip buyer
              a1b2c303  Trend
            Type more of the id, or the full name.

            """)
    }

    @Test("an ambiguous name prefix lists the strategies it could mean")
    func ambiguousName() throws {
        let stratchat = try seededHome()
        defer { stratchat.cleanUp() }
        let result = try stratchat.run(input: "/pause rsi\n")
        #expect(result.stderr == """
            error: "rsi" matches 2 strategies:
              a1b2c301  RSI dip
              a1b2c302  RSI dip buyer
            Type more of the id, or the full name.

            """)
    }

    @Test("an id prefix shorter than 4 characters is not taken as an id")
    func shortPrefix() throws {
        let stratchat = try seededHome()
        defer { stratchat.cleanUp() }
        let result = try stratchat.run(input: "/show a1b\n")
        #expect(result.stderr == "error: No strategy \"a1b\". /strategies lists yours.\n")
    }

    @Test("a misspelt name gets \"did you mean\"; another user's strategy is never found")
    func notFound() throws {
        let stratchat = try seededHome()
        defer { stratchat.cleanUp() }
        let result = try stratchat.run(input: "/show Trnd\n/show Theirs\n")
        #expect(result.stderr == """
            error: No strategy "Trnd" — did you mean "Trend"? /strategies lists yours.
            error: No strategy "Theirs". /strategies lists yours.

            """)
    }

    @Test("with no id, a command uses the strategy named last in the session")
    func namedLast() throws {
        let stratchat = try seededHome()
        defer { stratchat.cleanUp() }
        let result = try stratchat.run(input: "/show tre\n/pause\n/resume\n")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        #expect(result.stdout.contains("\"Trend\" (id a1b2c303) is now paused"))
        #expect(result.stdout.contains("\"Trend\" (id a1b2c303) is now active"))
    }

    @Test("/refine takes a name with spaces, quoted or not, and /revert takes v2 or 2")
    func quotedAndVersion() throws {
        let stratchat = try seededHome()
        defer { stratchat.cleanUp() }
        let result = try stratchat.run(input: "/refine \"RSI dip buyer\" set the stop loss to 6%\n/revert RSI dip buyer v1\n"
                                       + "/refine rsi dip set the stop loss to 7%\n")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        #expect(result.stdout.contains("Refined \"RSI dip buyer\" (id a1b2c302): v1 → v2"))
        #expect(result.stdout.contains("Restored \"RSI dip buyer\" to the definition of v1, saved as v3"))
        #expect(result.stdout.contains("Refined \"RSI dip\" (id a1b2c301): v1 → v2"))
    }
}
