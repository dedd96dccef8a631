import Basics
import Foundation
import StrategyCore

/// Every setting a config file may hold, with its environment variable, default and allowed values.
/// Adding a setting is one case here plus its entries in the switches below.
enum ConfigKey: String, CaseIterable, Hashable, Sendable {
    case model
    case provider
    case baseURL = "base_url"
    case capital
    case commissionPct = "commission_pct"
    case slippageBps = "slippage_bps"
    case universe
    case color
    case ascii
    case maxRounds = "max_rounds"
    case turnTimeout = "turn_timeout"
    case openAIKey = "keys.openai"
    case anthropicKey = "keys.anthropic"
    case fmpKey = "keys.fmp"

    /// The name in the config file (`[keys]` entries are written inside that section).
    var name: String { rawValue }

    /// The model providers the program knows.
    static let providers = ["openai", "anthropic", "offline"]

    /// The environment variables that set this key, strongest first.
    var environmentVariables: [String] {
        switch self {
        case .model: ["STRATCHAT_MODEL"]
        case .provider: ["STRATCHAT_PROVIDER"]
        case .baseURL: ["OPENAI_BASE_URL", "ANTHROPIC_BASE_URL"]  // the one matching the provider
        case .capital: ["STRATCHAT_CAPITAL"]
        case .commissionPct: ["STRATCHAT_COMMISSION_PCT"]
        case .slippageBps: ["STRATCHAT_SLIPPAGE_BPS"]
        case .universe: ["STRATCHAT_UNIVERSE"]
        case .color: ["NO_COLOR"]
        case .ascii: ["STRATCHAT_ASCII"]
        case .maxRounds: ["STRATCHAT_MAX_ROUNDS"]
        case .turnTimeout: ["STRATCHAT_TURN_TIMEOUT"]
        case .openAIKey: ["OPENAI_API_KEY"]
        case .anthropicKey: ["ANTHROPIC_API_KEY"]
        case .fmpKey: ["FMP_API_KEY"]
        }
    }

    /// The value used when nothing sets the key; nil means "none" (no key, no base URL, the provider's model).
    var defaultValue: ConfigValue? {
        switch self {
        case .capital: .integer(100_000)
        case .commissionPct: .integer(0)
        case .slippageBps: .integer(5)
        case .universe: .string("sample")
        case .color: .boolean(true)
        case .ascii: .boolean(false)
        case .maxRounds: .integer(8)
        case .turnTimeout: .integer(300)
        case .model, .provider, .baseURL, .openAIKey, .anthropicKey, .fmpKey: nil
        }
    }

    /// API keys: shown masked, never printed.
    var isSecret: Bool { [.openAIKey, .anthropicKey, .fmpKey].contains(self) }

    /// What the key means, for `stratchat config`.
    var summary: String {
        switch self {
        case .model: "the chat model, as name or provider:name"
        case .provider: "openai, anthropic or offline"
        case .baseURL: "the provider's API address (a local Ollama or llama.cpp server)"
        case .capital: "backtest starting capital in dollars"
        case .commissionPct: "commission per fill, in percent of its value"
        case .slippageBps: "slippage per fill, in basis points"
        case .universe: "tickers to test and scan: a universe name or AAPL,MSFT,…"
        case .color: "colour output on a terminal"
        case .ascii: "draw tables with ASCII characters"
        case .maxRounds: "most model rounds in one chat turn"
        case .turnTimeout: "most seconds one chat turn may take, model replies and tools together"
        case .openAIKey: "OpenAI-compatible API key"
        case .anthropicKey: "Anthropic API key"
        case .fmpKey: "Financial Modeling Prep API key"
        }
    }

    /// Checks a value and brings it to the key's kind (a whole number is accepted where a decimal is
    /// expected); the error text says what is allowed.
    func validate(_ value: ConfigValue) -> Result<ConfigValue, Expectation> {
        switch self {
        case .model, .universe, .openAIKey, .anthropicKey, .fmpKey:
            guard case .string(let text) = value, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
                return .failure(Expectation("a non-empty string in quotes"))
            }
            return .success(value)
        case .provider:
            guard case .string(let text) = value, Self.providers.contains(text.lowercased()) else {
                return .failure(Expectation("one of \(Self.providers.joined(separator: ", ")) (in quotes)"))
            }
            return .success(.string(text.lowercased()))
        case .baseURL:
            guard case .string(let text) = value, let url = URL(string: text),
                  let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host != nil else {
                return .failure(Expectation("an http:// or https:// address in quotes"))
            }
            return .success(value)
        case .capital:
            guard let number = value.numeric, number > 0 else {
                return .failure(Expectation("a number of dollars above 0"))
            }
            return .success(.number(number))
        case .commissionPct:
            guard let number = value.numeric, number >= 0, number < 100 else {
                return .failure(Expectation("a percentage from 0 up to 100"))
            }
            return .success(.number(number))
        case .slippageBps:
            guard let number = value.numeric, number >= 0, number < 10_000 else {
                return .failure(Expectation("basis points from 0 up to 10000"))
            }
            return .success(.number(number))
        case .color, .ascii:
            guard case .boolean = value else { return .failure(Expectation("true or false (no quotes)")) }
            return .success(value)
        case .maxRounds:
            guard case .integer(let rounds) = value, (1...100).contains(rounds) else {
                return .failure(Expectation("a whole number from 1 to 100"))
            }
            return .success(value)
        case .turnTimeout:
            guard let seconds = value.numeric, seconds > 0, seconds <= 86_400 else {
                return .failure(Expectation("seconds above 0, at most 86400"))
            }
            return .success(.number(seconds))
        }
    }

    /// Reads an environment variable's text as this key's value.
    func environmentValue(_ text: String, variable: String) -> ConfigValue {
        switch self {
        case .color:
            // NO_COLOR set to anything non-empty turns colour off (https://no-color.org).
            return .boolean(false)
        case .ascii:
            return ["1", "true", "yes"].contains(text.lowercased()) ? .boolean(true)
                : ["0", "false", "no"].contains(text.lowercased()) ? .boolean(false) : .string(text)
        case .capital, .commissionPct, .slippageBps, .maxRounds, .turnTimeout:
            if let integer = Int(text) { return .integer(integer) }
            if let number = Double(text) { return .number(number) }
            return .string(text)
        default:
            return .string(text)
        }
    }

    /// The nearest valid key to a mistyped one: by edit distance over the full and the bare names, else a
    /// key the typed one begins (`slippage` → `slippage_bps`, `openai` → `keys.openai`).
    static func suggestion(for key: String) -> String? {
        let names = allCases.map(\.name)
        if let near = EditDistance.closest(to: key, in: names) { return near }
        let bare = names.map { String($0.split(separator: ".").last ?? "") }
        if let near = EditDistance.closest(to: key, in: bare) { return names[bare.firstIndex(of: near)!] }
        let typed = key.lowercased().split(separator: ".").last.map(String.init) ?? key
        return names.first { name in typed.count >= 4 && bare[names.firstIndex(of: name)!].hasPrefix(typed) }
    }

    /// What a key accepts, for error messages.
    struct Expectation: Error, Hashable {
        let text: String
        init(_ text: String) { self.text = text }
    }
}
