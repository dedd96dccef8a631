import Foundation
import Testing

/// `stratchat data info` and `stratchat data import` run as a script would, in a temporary home.
@Suite("stratchat data")
struct DataCommandTests {
    /// The first `rows` bars of the real MSFT file, written as `name` in `folder`; returns the file's path.
    func msftSlice(rows: Int, named name: String, in folder: URL) throws -> String {
        let lines = try String(contentsOfFile: BacktestCommandTests.msftCSV, encoding: .utf8).split(separator: "\n")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(name)
        try Data((lines.prefix(rows + 1).joined(separator: "\n") + "\n").utf8).write(to: file)
        return file.path
    }

    @Test("data info lists the embedded set with real prices and synthetic alternative data, and touches no database")
    func info() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let text = try stratchat.run(["data", "info"])
        #expect(text.status == 0, "stderr: \(text.stderr)")
        #expect(text.stdout.hasPrefix("embedded: 526 tickers"))
        #expect(text.stdout.contains("universe sample   524 tickers"))
        #expect(text.stdout.contains("insider           524 tickers") && text.stdout.contains("synthetic sample"))
        #expect(text.stdout.contains("fmp: off (set FMP_API_KEY"))
        #expect(!FileManager.default.fileExists(atPath: stratchat.home.appendingPathComponent("stratchat.db").path))

        let json = try stratchat.run(["data", "info", "--json"])
        #expect(json.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let sources = try #require(object["sources"] as? [[String: Any]])
        #expect(sources.map { $0["name"] as? String } == ["embedded", "long-history"])
        let coverage = try #require(sources.first?["coverage"] as? [[String: Any]])
        let synthetic = Dictionary(uniqueKeysWithValues: coverage.map { ($0["kind"] as? String ?? "", $0["is_synthetic"] as? Bool) })
        #expect(synthetic == ["prices": false, "insider": true, "mentions": true, "fundamentals": true, "analyst": true])
    }

    @Test("an imported folder is listed by data info and backtests exactly like the same file read with --data-csv")
    func importThenBacktest() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let folder = stratchat.home.appendingPathComponent("prices")
        let file = try msftSlice(rows: 2_000, named: "MSFT.csv", in: folder)
        let imported = try stratchat.run(["data", "import", folder.path])
        #expect(imported.status == 0, "stderr: \(imported.stderr)")
        // 2,000 data rows, the first on 1986-03-13 (the file's first line); the file has no Adj Close column.
        #expect(imported.stdout.hasPrefix("Imported into \"prices\": 1 ticker, 2000 rows.\n"))
        #expect(imported.stdout.contains("MSFT    2000 rows  1986-03-13 … "))
        #expect(imported.stdout.contains("prices as in the file"))

        let again = try stratchat.run(["data", "import", folder.path])
        #expect(again.status == 0)
        #expect(again.stdout.contains("replaced 2000 earlier rows"))

        let info = try stratchat.run(["data", "info"])
        #expect(info.stdout.contains("prices: 1 tickers"))

        let strategy = BacktestCommandTests.reference("rsi_30_70", "strategy.json")
        let common = ["--strategy", strategy, "--from", "1990-01-02", "--to", "1993-12-31", "--json", "--full"]
        let fromStore = try stratchat.run(["backtest", "--universe", "prices"] + common)
        let fromFile = try stratchat.run(["backtest", "--data-csv", file] + common)
        #expect(fromStore.status == 0, "stderr: \(fromStore.stderr)")
        #expect(fromFile.status == 0, "stderr: \(fromFile.stderr)")
        let a = try BacktestCommandTests.object(fromStore), b = try BacktestCommandTests.object(fromFile)
        let tradesA = try #require(a["trades"] as? [[String: Any]]), tradesB = try #require(b["trades"] as? [[String: Any]])
        #expect(!tradesA.isEmpty)
        #expect(tradesA.map { $0["entry_date"] as? String } == tradesB.map { $0["entry_date"] as? String })
        #expect(tradesA.map { $0["shares"] as? Int } == tradesB.map { $0["shares"] as? Int })
        #expect(a["metrics"] as? NSDictionary == b["metrics"] as? NSDictionary)
        #expect((a["assumptions"] as? [String])?.contains("data: prices: prices (real daily bars)") == true)
    }

    @Test("bad rows are reported by file and line and exit 1, keeping the good rows; a file with nothing valid exits 2")
    func badRows() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let file = stratchat.home.appendingPathComponent("abc.csv")
        try Data("""
            Date,Open,High,Low,Close,Adj Close,Volume
            2020-01-02,10,11,9,10,5,1000
            2020-01-03,10,9,11,10,5,1000
            2020-01-06,10,11,9,ten,5,1000
            2020-01-07,10,12,9,11,5.5,1000

            """.utf8).write(to: file)
        let result = try stratchat.run(["data", "import", file.path, "--ticker", "xyz", "--name", "mine"])
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("Imported into \"mine\": 1 ticker, 2 rows."))
        #expect(result.stdout.contains("XYZ     2 rows  2020-01-02 … 2020-01-07  adjusted by Adj Close / Close"))
        #expect(result.stdout.contains("abc.csv line 3: high 9 is below low 11"))
        #expect(result.stdout.contains("abc.csv line 4: unparsable number \"ten\" in Close"))

        let json = try stratchat.run(["data", "import", file.path, "--name", "mine", "--raw", "--json"])
        #expect(json.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let tickers = try #require(object["per_ticker"] as? [[String: Any]])
        #expect(tickers.first?["ticker"] as? String == "ABC")
        #expect(tickers.first?["adjusted"] as? Bool == false)

        let empty = stratchat.home.appendingPathComponent("empty.csv")
        try Data("Date,Open,High,Low,Close\n2020-01-02,x,1,1,1\n".utf8).write(to: empty)
        let nothing = try stratchat.run(["data", "import", empty.path])
        #expect(nothing.status == 2)
        #expect(nothing.stderr.hasPrefix("error: ") && nothing.stderr.contains("no valid rows"))
        let missing = try stratchat.run(["data", "import", stratchat.home.appendingPathComponent("nope").path])
        #expect(missing.status == 2)
        // A set called like an embedded universe would hide it from --universe.
        let clash = try stratchat.run(["data", "import", file.path, "--name", "sample"])
        #expect(clash.status == 2)
        #expect(clash.stderr.contains("choose another with --name"))
    }
}
