import Foundation
import Testing

/// `--version`, `--help` and usage errors of the executable.
@Suite("The command line")
struct CommandLineTests {
    @Test("--version prints the name and version")
    func version() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let result = try stratchat.run(["--version"])
        #expect(result.stdout == "stratchat 0.1.0\n")
        #expect(result.status == 0)
    }

    @Test("--help lists the subcommands and examples and never touches the database")
    func help() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let result = try stratchat.run(["--help"])
        #expect(result.status == 0)
        for expected in ["Examples:", "--user", "--home", "--no-color", "--ascii", "--version"] {
            #expect(result.stdout.contains(expected), "missing \(expected)")
        }
        let subcommands = result.stdout.components(separatedBy: "SUBCOMMANDS:").last ?? ""
        let listed = subcommands.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(listed.contains("validate") && listed.contains("config"), "listed: \(listed)")
        let database = stratchat.home.appendingPathComponent("stratchat.db")
        #expect(!FileManager.default.fileExists(atPath: database.path))
    }

    @Test("an unknown option is a usage error with the argument parser's code 64")
    func usageError() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let result = try stratchat.run(["--colour"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--colour"))
    }
}

@Suite("The config file through the executable")
struct ConfigCommandLineTests {
    @Test("a bad config file stops the chat with code 2, naming the file, the line and the nearest key")
    func badConfigStopsChat() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let file = stratchat.home.appendingPathComponent("config.toml")
        try Data("# settings\nslippage = 5\n".utf8).write(to: file)
        let result = try stratchat.run(input: "/help\n")
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "error: \(file.path) line 2: unknown key \"slippage\" — did you mean "
                + "\"slippage_bps\"? Valid keys: model, provider, base_url, capital, commission_pct, slippage_bps, "
                + "universe, color, ascii, max_rounds, turn_timeout, keys.openai, keys.anthropic, keys.fmp\n")
    }

    @Test("stratchat config shows each source and never prints a key")
    func configCommand() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        try Data("capital = 25000\n".utf8).write(to: stratchat.home.appendingPathComponent("config.toml"))
        let result = try stratchat.run(["config", "--ascii"], extraEnvironment: ["OPENAI_API_KEY": "sk-do-not-print"])
        #expect(result.status == 0)
        #expect(!result.stdout.contains("sk-do-not-print"))
        // Each row's cells, trimmed: the home folder's long temporary path sets the column widths.
        let rows = result.stdout.split(separator: "\n").map { line in
            line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        #expect(rows.contains(["capital", "25000", "config.toml line 1"]))
        #expect(rows.contains(["ascii", "true", "--ascii"]))
        #expect(rows.contains(["keys.openai", "******** (set)", "$OPENAI_API_KEY"]))
        #expect(rows.contains(["provider", "openai", "OPENAI_API_KEY is set"]))
    }
}
