import Foundation
import Testing

/// `stratchat validate FILE.json`: exit 0 valid, 1 problems, 2 unreadable (DESIGN.md, "Command-line conventions").
@Suite("stratchat validate")
struct ValidateCommandTests {
    func write(_ text: String, named name: String, in stratchat: StratchatProcess) throws -> String {
        let file = stratchat.home.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return file.path
    }

    @Test("a valid file exits 0 and lists the values filled from the timeframe's defaults")
    func valid() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let path = try write("""
            {"name": "RSI dip", "timeframe": "short_term",
             "entry_conditions": [{"field": "rsi_14", "operator": "lt", "value": 30}], "entry_logic": "AND",
             "exit_conditions": [], "exit_logic": "OR", "risk_parameters": {"take_profit_pct": null}}
            """, named: "dip.json", in: stratchat)
        let result = try stratchat.run(["validate", path])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "\(path): valid — \"RSI dip\" (short_term)")
        // short_term defaults are a 7% stop and 30 days (DESIGN.md); take_profit_pct was an explicit null.
        #expect(lines.contains { $0.hasPrefix("  risk_parameters.stop_loss_pct = 7") })
        #expect(lines.contains { $0.hasPrefix("  risk_parameters.max_hold_days = 30") })
        #expect(!lines.contains { $0.contains("take_profit_pct") })
        #expect(!FileManager.default.fileExists(atPath: stratchat.home.appendingPathComponent("stratchat.db").path))
    }

    @Test("problems exit 1, one `path: message — fix` line each")
    func problems() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let path = try write("""
            {"name": "Bad", "timeframe": "medium_term",
             "entry_conditions": [{"field": "rsi14", "operator": "lt", "value": 30}], "entry_logic": "AND",
             "exit_conditions": [], "exit_logic": "OR", "risk_parameters": {"stop_loss_pct": -5}}
            """, named: "bad.json", in: stratchat)
        let result = try stratchat.run(["validate", path])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "\(path): 2 problems")
        #expect(lines.contains { $0.hasPrefix("  entry_conditions[0].field: ") && $0.contains("rsi_14") })
        #expect(lines.contains { $0.hasPrefix("  risk_parameters.stop_loss_pct: ") && $0.contains(" — ") })
    }

    @Test("text that is not JSON is a problem in the file (1), not an unreadable file")
    func notJSON() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let path = try write("{\"name\": ", named: "cut.json", in: stratchat)
        let result = try stratchat.run(["validate", path])
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("\(path): 1 problem\n"))
    }

    @Test("a missing file or a folder exits 2 with one error line naming the path", arguments: ["missing.json", "."])
    func unreadable(name: String) throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let path = name == "." ? stratchat.home.path : stratchat.home.appendingPathComponent(name).path
        let result = try stratchat.run(["validate", path])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("error: cannot read \(path) ("))
        #expect(result.stderr.hasSuffix("— check the path and that the file is readable\n"))
    }

    @Test("no file argument is a usage error (64)")
    func usage() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        #expect(try stratchat.run(["validate"]).status == 64)
    }
}
