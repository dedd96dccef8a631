import Foundation
import Testing

/// `stratchat paper` and the scan that trades paper accounts, through the built executable.
@Suite("paper accounts on the command line")
struct PaperCommandTests {
    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// The keys a backtest's trades and a paper account's trades share, as text for an exact comparison.
    static let tradeKeys = ["ticker", "entry_date", "entry_price", "exit_date", "exit_price", "shares", "exit_reason"]

    static func rows(_ trades: [[String: Any]]) -> [String] {
        trades.map { t in tradeKeys.map { "\(t[$0] ?? "nil")" }.joined(separator: " ") }
    }

    /// The key test: replayed scans give the paper account the backtest's trades over the same days.
    ///
    /// The backtest decides nothing at its last close, and keeps what is still held as open positions;
    /// the paper account places that close's orders for the next open (shown as pending orders). So the
    /// closed trades must be equal, and the paper positions must be the backtest's open positions.
    @Test("replayed scans give a paper record equal, trade for trade, to the backtest of the same days")
    func replayEqualsBacktest() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        #expect(try stratchat.run(["ask", ScanCommandTests.strategy]).status == 0)
        let opened = try stratchat.run(["paper", "open", "main", "--capital", "100000"])
        #expect(opened.status == 0, "\(opened.stderr)")
        let added = try stratchat.run(["paper", "add", "main", "RSI Oversold"])
        #expect(added.status == 0, "\(added.stderr)")
        let scan = try stratchat.run(["scan", "--from", "2010-03-01", "--to", "2010-05-28"])
        #expect(scan.status == 0, "\(scan.stderr)")
        #expect(scan.stdout.contains("paper account \"main\" (paper money)"))

        let shown = try stratchat.run(["paper", "show", "main", "--json"])
        #expect(shown.status == 0, "\(shown.stderr)")
        let paper = try Self.json(shown.stdout)
        let backtestRun = try stratchat.run(["backtest", "--strategy", "RSI Oversold", "--universe", "sample",
                                             "--from", "2010-03-01", "--to", "2010-05-28", "--json", "--full"])
        #expect(backtestRun.status == 0, "\(backtestRun.stderr)")
        let backtest = try Self.json(backtestRun.stdout)

        let paperTrades = try #require(paper["trades"] as? [[String: Any]])
        let backtestTrades = try #require(backtest["trades"] as? [[String: Any]])
        #expect(backtestTrades.count >= 5, "enough trades for the comparison to mean something")
        #expect(Set(backtestTrades.compactMap { $0["exit_reason"] as? String }).count >= 2)
        #expect(Self.rows(paperTrades).sorted() == Self.rows(backtestTrades).sorted())

        let positions = try #require(paper["positions"] as? [[String: Any]])
        let open = try #require(backtest["open_positions"] as? [[String: Any]])
        let keys = ["ticker", "entry_date", "entry_price", "shares"]
        func text(_ xs: [[String: Any]]) -> [String] { xs.map { x in keys.map { "\(x[$0] ?? "nil")" }.joined(separator: " ") }.sorted() }
        #expect(text(positions) == text(open))
        #expect(paper["paper_money"] as? Bool == true)
        for key in ["equity", "cash", "orders"] { #expect(paper[key] != nil, "paper show --json has \(key)") }

        // A second replay of the same days changes nothing.
        let again = try stratchat.run(["scan", "--from", "2010-03-01", "--to", "2010-05-28"])
        #expect(again.status == 0)
        #expect(again.stdout.contains("already up to date"))
        let reshown = try Self.json(try stratchat.run(["paper", "show", "main", "--json"]).stdout)
        #expect(Self.rows(try #require(reshown["trades"] as? [[String: Any]])) == Self.rows(paperTrades))
    }

    @Test("halt and resume switch new entries off and on, and say so")
    func haltAndResume() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        #expect(try stratchat.run(["paper", "open", "main", "--capital", "50000"]).status == 0)
        let halted = try stratchat.run(["paper", "halt", "main", "--reason", "going on holiday"])
        #expect(halted.status == 0, "\(halted.stderr)")
        let shown = try Self.json(try stratchat.run(["paper", "show", "main", "--json"]).stdout)
        #expect(shown["halted"] as? Bool == true)
        #expect(shown["halt_reason"] as? String == "going on holiday")
        #expect(shown["equity"] as? Double == 50_000)
        #expect(try stratchat.run(["paper", "resume", "main"]).status == 0)
        let resumed = try Self.json(try stratchat.run(["paper", "show", "main", "--json"]).stdout)
        #expect(resumed["halted"] as? Bool == false)
    }

    @Test("bad requests are refused with the fix", arguments: [
        (["paper", "show", "nowhere"], Int32(2), "No paper account \"nowhere\"; open one with"),
        (["paper", "open", "main", "--capital=-5"], Int32(64), "not a positive amount"),
        (["paper", "add", "main", "x"], Int32(2), "No paper account \"main\""),
        (["paper", "open"], Int32(64), "Missing expected argument '<name>'"),
    ])
    func badRequests(arguments: [String], status: Int32, message: String) throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let result = try stratchat.run(arguments)
        #expect(result.status == status)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test("paper show draws equity against the benchmark, and report --paper writes the account's record as HTML")
    func chartAndReport() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        #expect(try stratchat.run(["ask", ScanCommandTests.strategy]).status == 0)
        let file = stratchat.home.appendingPathComponent("paper.html")
        let early = try stratchat.run(["paper", "open", "main", "--capital", "100000"])
        #expect(early.status == 0, "\(early.stderr)")
        let none = try stratchat.run(["report", "--paper", "main", "-o", file.path])
        #expect(none.status == 2, "an account no scan traded has no record yet")
        #expect(none.stderr.contains("has no scan yet"), "\(none.stderr)")
        #expect(try stratchat.run(["paper", "add", "main", "RSI Oversold"]).status == 0)
        #expect(try stratchat.run(["scan", "--from", "2010-03-01", "--to", "2010-05-28"]).status == 0)

        let shown = try stratchat.run(["paper", "show", "main"])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("paper account $"), "\(shown.stdout)")
        #expect(shown.stdout.contains("^GSPC buy and hold from $100,000"), "\(shown.stdout)")
        #expect(shown.stdout.contains("Record per strategy"))

        let written = try stratchat.run(["report", "--paper", "main", "-o", file.path])
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stdout.contains("paper account \"main\" (paper money)"))
        let html = try String(contentsOf: file, encoding: .utf8)
        let paper = try Self.json(try stratchat.run(["paper", "show", "main", "--json"]).stdout)
        let trades = try #require(paper["trades"] as? [[String: Any]])
        #expect(!trades.isEmpty)
        let log = try #require(html.range(of: "<table id=\"trades\"").map { String(html[$0.lowerBound...]) })
        let body = String(log[..<(log.range(of: "</table>")?.lowerBound ?? log.endIndex)])
        #expect(body.components(separatedBy: "<tr>").count - 2 == trades.count, "one row per closed paper trade")
        for needle in ["Paper account main", "Paper money.", "^GSPC buy and hold", "Equity against the benchmark",
                       "id=\"paper-record\"", "RSI Oversold"] {
            #expect(html.contains(needle), "the report has \(needle)")
        }
        #expect(!html.contains("http://") && !html.contains("https://"), "nothing is loaded from elsewhere")

        let both = try stratchat.run(["report", "RSI Oversold", "--paper", "main", "-o", file.path])
        #expect(both.status == 64)
    }

    @Test("an account whose strategy reads synthetic insider data says so in paper show, its JSON and the HTML report")
    func syntheticDataIsLabelled() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let asked = try stratchat.run(["ask", "create a strategy: buy when insiders are buying and RSI is oversold"])
        #expect(asked.status == 0, "\(asked.stderr)")
        #expect(try stratchat.run(["paper", "open", "main", "--capital", "100000"]).status == 0)
        let added = try stratchat.run(["paper", "add", "main", "Insider Buying + RSI Oversold"])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(try stratchat.run(["scan", "--from", "2010-03-01", "--to", "2010-03-31"]).status == 0)

        let paper = try Self.json(try stratchat.run(["paper", "show", "main", "--json"]).stdout)
        let notes = try #require(paper["synthetic_data"] as? [String])
        #expect(notes.count == 1)
        #expect(notes.first?.contains("insider_buy_count_30d: synthetic sample") == true, "\(notes)")
        #expect(paper.keys.contains("broker") && paper["broker"] is NSNull, "an unlinked account's broker is null")
        let text = try stratchat.run(["paper", "show", "main"])
        #expect(text.stdout.contains("Uses synthetic sample data"), "\(text.stdout)")
        #expect(text.stdout.contains("Broker: not linked"))

        let file = stratchat.home.appendingPathComponent("paper.html")
        let written = try stratchat.run(["report", "--paper", "main", "-o", file.path])
        #expect(written.status == 0, "\(written.stderr)")
        let html = try String(contentsOf: file, encoding: .utf8)
        #expect(html.contains("<strong>Synthetic sample data.</strong>"))
        #expect(html.contains("insider_buy_count_30d: synthetic sample"))
    }

    @Test("paper limits and /paper limits change the risk limits after opening; 0 turns one off; bad values are refused")
    func changeLimits() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        #expect(try stratchat.run(["paper", "open", "main", "--capital", "50000", "--max-positions", "5"]).status == 0)
        let changed = try stratchat.run(["paper", "limits", "main", "--max-positions", "0", "--daily-loss-limit-pct", "3"])
        #expect(changed.status == 0, "\(changed.stderr)")
        #expect(changed.stdout.contains("daily loss limit 3"), "\(changed.stdout)")
        let limits = try #require(try Self.json(try stratchat.run(["paper", "show", "main", "--json"]).stdout)["limits"] as? [String: Any])
        #expect(limits["max_open_positions"] == nil, "0 turned the position limit off")
        #expect(limits["daily_loss_limit_pct"] as? Double == 3)

        for (arguments, message) in [(["paper", "limits", "main"], "Name a limit to change"),
                                     (["paper", "limits", "main", "--max-positions=-2"], "is negative"),
                                     (["paper", "limits", "main", "--max-exposure-pct", "nan"], "is not a percent")] {
            let refused = try stratchat.run(arguments)
            #expect(refused.status == 64, "\(arguments)")
            #expect(refused.stderr.contains(message), "\(refused.stderr)")
        }
        let unknown = try stratchat.run(["paper", "limits", "nowhere", "--max-positions", "3"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("No paper account \"nowhere\""), "\(unknown.stderr)")

        let chat = try stratchat.run([], input: "/paper limits --max-exposure-pct 60\n/paper limits\n/paper limits --max-positions many\n/paper limits --stop 3\n")
        #expect(chat.status == 1, "a piped chat whose command was refused exits 1")
        let said = chat.stdout + chat.stderr
        #expect(said.contains("exposure at most 60"), "\(said)")
        #expect(said.contains("--max-positions many is not a whole number"))
        #expect(said.contains("Unknown limit \"--stop\""))
        let after = try #require(try Self.json(try stratchat.run(["paper", "show", "main", "--json"]).stdout)["limits"] as? [String: Any])
        #expect(after["max_exposure_pct"] as? Double == 60)
        #expect(after["daily_loss_limit_pct"] as? Double == 3, "a limit not named stays")
    }
}
