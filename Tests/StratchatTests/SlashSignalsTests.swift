import Foundation
import Testing

/// `/act`, `/close`, `/skip` and `/portfolio` through a pipe, on signals `/signals` just listed.
@Suite("Signal slash commands through a pipe")
struct SlashSignalsTests {
    /// The signal id and ticker on row `rank` of the signals table.
    func row(_ rank: Int, in stdout: String) throws -> (id: String, ticker: String) {
        let line = try #require(stdout.split(separator: "\n").first { $0.hasPrefix("│") && $0.contains("│ \(String(repeating: " ", count: 3 - String(rank).count))\(rank) │") })
        let cells = line.split(separator: "│").map { $0.trimmingCharacters(in: .whitespaces) }
        return (cells[1], cells[2])
    }

    @Test("take a signal, close it at a gain, skip another, and see the closed trade in /portfolio")
    func actCloseSkip() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let seed = ["STRATCHAT_TEST_SEED": "3"]
        let scan = try stratchat.run(input: "/new buy when rsi_14 is below 40, sell when rsi_14 is above 70\n/signals\n",
                                     extraEnvironment: seed)
        #expect(scan.stderr.isEmpty, "\(scan.stderr)")
        let first = try row(1, in: scan.stdout), second = try row(2, in: scan.stdout)

        let result = try stratchat.run(
            input: "/act \(first.id) 38.10 100\n/close \(first.id.prefix(4)) 40\n/skip \(second.id)\n/act zz\n/close \(first.id)\n/portfolio\n",
            extraEnvironment: seed)
        #expect(result.stdout.contains("Took \(first.ticker) at 38.10 × 100 shares"))
        // (40 / 38.10 − 1) × 100 = 4.99%, shown to one decimal.
        #expect(result.stdout.contains("Closed \(first.ticker) at 40.00: +5.0% from 38.10."))
        #expect(result.stdout.contains("Skipped \(second.ticker)"))
        #expect(result.stdout.contains("Actual so far: 1 closed trade, 1 won, +5.0% in total"))
        #expect(result.stdout.contains("Statistics (imported trades and acted signals)"))
        #expect(result.stdout.contains("│             1 │     100% │"))
        #expect(result.stderr == """
            error: No signal "zz" of yours. Ask for the strategy's signals to see their ids.
            error: Say which signal and the price you sold at: /close SIGNAL_ID PRICE, e.g. /close 3f2a9c1e 26.10

            """)
        #expect(result.status == 1)
    }

    @Test("a price that is not a positive number is refused before anything is recorded")
    func badPrice() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let result = try stratchat.run(input: "/act abcd1234 -3\n/close abcd1234 free\n")
        #expect(result.stderr == """
            error: "-3" is not a positive number: /act SIGNAL_ID [PRICE] [SHARES], e.g. /act 3f2a9c1e 24.31 100
            error: "free" is not a positive number: /close SIGNAL_ID PRICE, e.g. /close 3f2a9c1e 26.10

            """)
    }
}
