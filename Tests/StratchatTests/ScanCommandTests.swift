import Foundation
import Testing

/// `stratchat scan` and `stratchat portfolio` through the built executable, as cron and scripts run them.
@Suite("scan and portfolio commands")
struct ScanCommandTests {
    static let strategy = "create a strategy: buy when RSI is below 30, sell when RSI is above 60, 8% stop"

    @Test("a replayed scan stores signals once: running the same range again adds nothing")
    func idempotentReplay() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        #expect(try stratchat.run(["ask", Self.strategy]).status == 0)
        let first = try stratchat.run(["scan", "--from", "2010-05-03", "--to", "2010-05-28"])
        #expect(first.status == 0, "\(first.stderr)")
        let lines = first.stdout.split(separator: "\n")
        #expect(lines.count == 1, "one log line per strategy")
        let line = try #require(lines.first.map(String.init))
        #expect(line.contains("\"RSI Oversold\""))
        let count = try #require(Self.number(before: " signals over", in: line))
        #expect(count > 0, "an RSI < 30 rule fires somewhere in 524 tickers over four weeks of May 2010")
        #expect(line.contains("(\(count) new)"))

        let second = try stratchat.run(["scan", "--from", "2010-05-03", "--to", "2010-05-28"])
        #expect(second.status == 0)
        #expect(second.stdout.contains("\(count) signals over"))
        #expect(second.stdout.contains("(0 new)"))
    }

    @Test("--quiet prints nothing when every strategy scanned")
    func quiet() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        #expect(try stratchat.run(["ask", Self.strategy]).status == 0)
        let result = try stratchat.run(["scan", "--quiet"])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.isEmpty)
    }

    @Test("bad ranges and dates are refused with the fix", arguments: [
        (["--from", "2010-07-01", "--to", "2010-06-01"], Int32(2), "Give --from on or before --to"),
        (["--to", "2010-06-01"], Int32(64), "--to needs --from"),
        (["--from", "June 1st"], Int32(64), "write it as YYYY-MM-DD"),
    ])
    func badUsage(arguments: [String], status: Int32, message: String) throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let result = try stratchat.run(["scan"] + arguments)
        #expect(result.status == status)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test("portfolio import keeps the good rows, reports a bad one by line, and the holdings show")
    func portfolioImport() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let file = stratchat.home.appendingPathComponent("trades.csv")
        try """
        date,ticker,side,shares,price,fees
        2010-03-01,AAPL,buy,10,208.99,1
        2010-03-02,MSFT,buy,ten,29.0,1
        2010-04-01,IBM,buy,5,128.25,
        """.write(to: file, atomically: true, encoding: .utf8)
        let imported = try stratchat.run(["portfolio", "import", file.path])
        #expect(imported.status == 1, "a bad row makes the exit 1; the good rows are kept")
        #expect(imported.stdout.contains("Imported 2 trades from trades.csv"))
        #expect(imported.stdout.contains("line 3:"))
        let shown = try stratchat.run(["portfolio"])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("AAPL"))
        #expect(shown.stdout.contains("IBM"))
        #expect(!shown.stdout.contains("MSFT"))
    }

    @Test("a portfolio file with nothing valid is refused with exit 2")
    func portfolioNothingValid() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let file = stratchat.home.appendingPathComponent("junk.csv")
        try "date,ticker\nyesterday,AAPL\n".write(to: file, atomically: true, encoding: .utf8)
        let result = try stratchat.run(["portfolio", "import", file.path])
        #expect(result.status == 2)
        #expect(!result.stderr.isEmpty)
    }

    /// The whole number just before `marker` in `text`.
    static func number(before marker: String, in text: String) -> Int? {
        guard let range = text.range(of: marker) else { return nil }
        let digits = text[..<range.lowerBound].reversed().prefix { $0.isNumber || $0 == "," }
        return Int(String(digits.reversed()).replacingOccurrences(of: ",", with: ""))
    }
}
