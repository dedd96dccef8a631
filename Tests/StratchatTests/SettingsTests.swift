import Foundation
import Testing
@testable import stratchat

@Suite("Settings from flags, environment, config file and defaults")
struct SettingsTests {
    let paths = AppPaths(home: URL(fileURLWithPath: "/sc"), userConfig: URL(fileURLWithPath: "/ann/.config/c.toml"))

    func load(file: String?, variables: [String: String] = [:],
              flags: [ConfigKey: SettingsLoader.FlagValue] = [:]) throws -> Settings {
        var loader = SettingsLoader(
            paths: paths, environment: HostEnvironment(variables: variables, homeDirectory: URL(fileURLWithPath: "/ann")))
        loader.fileExists = { file != nil && $0 == "/sc/config.toml" }
        loader.readFile = { _ in file ?? "" }
        return try loader.load(flags: flags)
    }

    @Test("with nothing set, the defaults of DESIGN.md apply and the offline model is chosen")
    func defaults() throws {
        let settings = try load(file: nil)
        #expect(settings.configFile == nil)
        #expect(settings.capital == 100_000)
        #expect(settings.commissionPct == 0)
        #expect(settings.slippageBps == 5)
        #expect(settings.universe == "sample")
        #expect(settings.maxRounds == 8)
        #expect(settings.color && !settings.ascii)
        #expect(settings.provider == "offline")
        #expect(settings[.provider].source == .derived("no OPENAI_API_KEY, OPENAI_BASE_URL or ANTHROPIC_API_KEY is set"))
        #expect(settings[.capital].source == .defaultValue)
    }

    @Test("the environment beats the file and a flag beats both")
    func precedence() throws {
        let file = "capital = 20000\nascii = false\nmax_rounds = 4\n"
        let settings = try load(file: file, variables: ["STRATCHAT_CAPITAL": "30000", "STRATCHAT_ASCII": "1"],
                                flags: [.ascii: .init(value: .boolean(false), flag: "--ascii")])
        #expect(settings.capital == 30000)
        #expect(settings[.capital].source == .environment("STRATCHAT_CAPITAL"))
        #expect(!settings.ascii)
        #expect(settings[.ascii].source == .flag("--ascii"))
        #expect(settings.maxRounds == 4)
        #expect(settings[.maxRounds].source == .file(path: "/sc/config.toml", line: 3))
    }

    @Test("NO_COLOR turns colour off whatever its value")
    func noColor() throws {
        #expect(try !load(file: "color = true", variables: ["NO_COLOR": "1"]).color)
    }

    @Test("the provider follows DESIGN.md: set, implied by the model, else by which key or address is set",
          arguments: [
              ("", ["OPENAI_API_KEY": "k"], "openai"),
              ("", ["OPENAI_BASE_URL": "http://127.0.0.1:11434/v1"], "openai"),
              ("", ["ANTHROPIC_API_KEY": "k"], "anthropic"),
              ("", ["OPENAI_API_KEY": "k", "ANTHROPIC_API_KEY": "k"], "openai"),
              ("provider = \"anthropic\"", ["OPENAI_API_KEY": "k"], "anthropic"),
              ("provider = \"anthropic\"", ["STRATCHAT_PROVIDER": "offline"], "offline"),
              ("model = \"anthropic:claude-sonnet-4-5\"", [:], "anthropic"),
              ("model = \"ollama:llama3.1\"", [:], "openai"),
              ("[keys]\nanthropic = \"k\"", [:], "anthropic"),
          ])
    func provider(file: String, variables: [String: String], expected: String) throws {
        #expect(try load(file: file, variables: variables).provider == expected)
    }

    @Test("the base URL comes from the variable of the chosen provider")
    func baseURL() throws {
        let variables = ["ANTHROPIC_API_KEY": "k", "ANTHROPIC_BASE_URL": "https://proxy.example/v1"]
        let settings = try load(file: nil, variables: variables)
        #expect(settings.baseURL == "https://proxy.example/v1")
        #expect(settings[.baseURL].source == .environment("ANTHROPIC_BASE_URL"))
    }

    @Test("an unknown key names the file, the line and the nearest valid key")
    func unknownKey() {
        #expect(throws: ConfigError.unknownKey(file: "/sc/config.toml", line: 2, key: "comission_pct",
                                               suggestion: "commission_pct")) {
            try load(file: "capital = 1\ncomission_pct = 0.1")
        }
        #expect(throws: ConfigError.unknownKey(file: "/sc/config.toml", line: 2, key: "keys.opnai",
                                               suggestion: "keys.openai")) {
            try load(file: "[keys]\nopnai = \"k\"")
        }
    }

    @Test("a bad value names where it was written and what is allowed", arguments: [
        ("capital = 0", "/sc/config.toml line 1: capital must be a number of dollars above 0, got 0"),
        ("max_rounds = 2.5", "/sc/config.toml line 1: max_rounds must be a whole number from 1 to 100, got 2.5"),
        ("color = \"yes\"", "/sc/config.toml line 1: color must be true or false (no quotes), got \"yes\""),
        ("provider = \"gpt\"", "/sc/config.toml line 1: provider must be one of openai, anthropic, offline"),
        ("base_url = \"localhost:8080\"", "/sc/config.toml line 1: base_url must be an http:// or https:// address"),
    ])
    func badValue(file: String, message: String) {
        do {
            _ = try load(file: file)
            Issue.record("expected an error for \(file)")
        } catch {
            #expect(error.localizedDescription.hasPrefix(message))
        }
    }

    @Test("a bad environment value names the variable, and a key's text is never repeated")
    func badEnvironment() {
        #expect(throws: ConfigError.badValue(origin: "$STRATCHAT_SLIPPAGE_BPS", key: "slippage_bps",
                                             value: "\"lots\"", expected: "basis points from 0 up to 10000")) {
            try load(file: nil, variables: ["STRATCHAT_SLIPPAGE_BPS": "lots"])
        }
        do {
            _ = try load(file: "[keys]\nfmp = 12345")
        } catch {
            #expect(!error.localizedDescription.contains("12345"))
        }
    }

    @Test("the config report masks keys and says where each value came from")
    func report() throws {
        let settings = try load(file: "[keys]\nfmp = \"fmp-secret-123\"", variables: ["OPENAI_API_KEY": "sk-secret-456"])
        let launch = LaunchSettings(user: "ann", paths: paths, style: .plain)
        let text = ConfigCommand.report(settings, launch: launch, userSource: .environment("STRATCHAT_USER"),
                                        homeSource: .flag("--home"), style: .plain)
        #expect(!text.contains("secret"))
        #expect(text.hasPrefix("Config file: /sc/config.toml\n"))
        #expect(text.contains("│ keys.fmp       │ ******** (set)            │ config.toml line 2    │"))
        #expect(text.contains("│ keys.openai    │ ******** (set)            │ $OPENAI_API_KEY       │"))
        #expect(text.contains("│ provider       │ openai                    │ OPENAI_API_KEY is set │"))
        #expect(text.contains("│ model          │ gpt-4o-mini               │ default               │"))
        #expect(text.contains("│ base_url       │ https://api.openai.com/v1 │ default               │"))
        #expect(text.contains("│ user           │ ann                       │ $STRATCHAT_USER       │"))
    }
}
