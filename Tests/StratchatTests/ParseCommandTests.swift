import Foundation
import Testing

/// `stratchat parse "TEXT" [--json]`: exit 0 parsed, 1 a question is needed, 2 no text (DESIGN.md, "Command-line conventions").
@Suite("stratchat parse")
struct ParseCommandTests {
    func object(_ text: String) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(value as? [String: Any])
    }

    @Test("what parse --json writes is a strategy file: validate accepts it and backtest runs it")
    func envelopeIsAFile() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let parsed = try stratchat.run(["parse", "--json", "buy when RSI is below 30, sell when RSI is above 70"])
        #expect(parsed.status == 0)
        let file = stratchat.home.appendingPathComponent("s.json")
        try Data(parsed.stdout.utf8).write(to: file)
        let validated = try stratchat.run(["validate", file.path])
        #expect(validated.status == 0, "stdout: \(validated.stdout) stderr: \(validated.stderr)")
        let backtest = try stratchat.run(["backtest", "--strategy", file.path, "--data-csv", BacktestCommandTests.msftCSV,
                                          "--from", "2010-01-04", "--to", "2012-12-31", "--json", "--full"])
        #expect(backtest.status == 0, "stderr: \(backtest.stderr)")
        let object = try self.object(backtest.stdout)
        #expect(object["trades"] is [[String: Any]])
    }

    @Test("--json prints exactly the four keys; a clear idea exits 0 with the strategy in the file's shape")
    func parsedJSON() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let result = try stratchat.run(["parse", "--json", "buy when RSI is below 30 and the price is above the 200-day average"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let json = try object(result.stdout)
        #expect(Set(json.keys) == ["strategy", "assumptions", "unrecognized", "question"])
        #expect(json["question"] is NSNull)
        #expect((json["unrecognized"] as? [String]) == [])
        let strategy = try #require(json["strategy"] as? [String: Any])
        let entry = try #require(strategy["entry_conditions"] as? [[String: Any]])
        // DESIGN.md's vocabulary: RSI is rsi_14 by default, "the 200-day average" is sma_200 named as a value.
        #expect(entry.count == 2)
        #expect(entry[0]["field"] as? String == "rsi_14")
        #expect(entry[0]["operator"] as? String == "lt")
        #expect(entry[0]["value"] as? Double == 30)
        #expect(entry[1]["field"] as? String == "close")
        #expect((entry[1]["value"] as? [String: Any])?["field"] as? String == "sma_200")
        // Defaults are filled in and listed: no timeframe was named, so medium_term's risk applies.
        #expect(strategy["timeframe"] as? String == "medium_term")
        let risk = try #require(strategy["risk_parameters"] as? [String: Any])
        #expect(risk["stop_loss_pct"] as? Double != nil)
        let assumptions = try #require(json["assumptions"] as? [String])
        #expect(assumptions.contains { $0.contains("RSI period 14") })
        #expect(assumptions.contains { $0.contains("medium_term") })
    }

    @Test("a vague idea exits 1 with the question set and a null strategy")
    func question() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let result = try stratchat.run(["parse", "--json", "buy good stocks"])
        #expect(result.status == 1)
        let json = try object(result.stdout)
        #expect(json["strategy"] is NSNull)
        #expect((json["question"] as? String)?.isEmpty == false)
    }

    @Test("shorting exits 1 with what was understood: the nearest long strategy and a question")
    func shortIdea() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let result = try stratchat.run(["parse", "--json", "short when RSI is above 80"])
        #expect(result.status == 1)
        let json = try object(result.stdout)
        #expect(json["strategy"] is [String: Any])
        #expect((json["question"] as? String)?.contains("long-only") == true)
    }

    @Test("\"-\" reads the text from standard input; the precise form parses exactly")
    func standardInput() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let result = try stratchat.run(["parse", "--json", "-"], input: "entry: rsi_14 < 30 and close > sma_200; exit: rsi_14 > 70 or stop 8%; size 5%\n")
        #expect(result.status == 0)
        let strategy = try #require(try object(result.stdout)["strategy"] as? [String: Any])
        let risk = try #require(strategy["risk_parameters"] as? [String: Any])
        #expect(risk["stop_loss_pct"] as? Double == 8)
        #expect(risk["position_size_pct"] as? Double == 5)
        let exit = try #require(strategy["exit_conditions"] as? [[String: Any]])
        #expect(exit.count == 1)
        #expect(exit.first?["field"] as? String == "rsi_14")
        #expect(exit.first?["value"] as? Double == 70)
        // Nothing on standard input is empty text.
        #expect(try stratchat.run(["parse", "-"]).status == 2)
    }

    @Test("empty text exits 2 with one line on stderr and nothing on stdout")
    func emptyText() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        for arguments in [["parse", "--json", "   "], ["parse"]] {
            let result = try stratchat.run(arguments)
            #expect(result.status == 2)
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.hasPrefix("error: no strategy text given"))
            #expect(result.stderr.split(separator: "\n").count == 1)
        }
    }

    @Test("the readable form shows the rules in words, the assumptions and the strategy file; words need no quotes")
    func readable() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let result = try stratchat.run(["parse", "buy", "when", "insiders", "are", "buying", "and", "RSI", "is", "oversold"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first?.hasPrefix("Parsed: \"") == true)
        #expect(lines.contains("  Entry: insider buys (30d) >= 1 AND RSI(14) < 30"))
        #expect(lines.contains("Assumed:"))
        #expect(lines.contains("Strategy file:"))
        // The file part is the strategy JSON itself.
        let start = try #require(lines.firstIndex(of: "Strategy file:"))
        let file = lines[(start + 1)...].joined(separator: "\n")
        let strategy = try object(file)
        #expect(strategy["entry_logic"] as? String == "AND")
        #expect(!FileManager.default.fileExists(atPath: stratchat.home.appendingPathComponent("stratchat.db").path))
    }
}
