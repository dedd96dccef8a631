import Foundation

/// Where and as whom the Alpaca client trades: the paper API by default, a live address only with an explicit
/// setting, keys that never print.
package struct AlpacaConfiguration: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    package static let paperURL = URL(string: "https://paper-api.alpaca.markets")!
    package static let liveHost = "api.alpaca.markets"
    package static let keyIdVariable = "ALPACA_API_KEY_ID"
    package static let secretVariable = "ALPACA_API_SECRET_KEY"
    package static let baseURLVariable = "ALPACA_BASE_URL"
    package static let allowLiveVariable = "STRATCHAT_ALPACA_ALLOW_LIVE"

    package let keyId: String
    package let secretKey: String
    package let baseURL: URL

    /// Checks the address: the paper API, a local stand-in on the loopback address, or the live API when
    /// `allowLive` is set. Any other host is refused, since its keys would be sent there.
    package init(keyId: String, secretKey: String, baseURL: URL = paperURL, allowLive: Bool = false) throws(AlpacaError) {
        let key = keyId.trimmingCharacters(in: .whitespacesAndNewlines)
        let secret = secretKey.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !key.isEmpty, !secret.isEmpty else { throw .missingKeys }
        let host = baseURL.host?.lowercased() ?? ""
        switch host {
        case Self.paperURL.host!:
            guard baseURL.scheme == "https" else { throw .unsupportedBaseURL(Redactor.endpoint(baseURL)) }
        case Self.liveHost:
            guard allowLive else { throw .liveRefused }
        case "127.0.0.1", "localhost", "::1":
            break
        default:
            throw .unsupportedBaseURL(Redactor.endpoint(baseURL))
        }
        self.keyId = key
        self.secretKey = secret
        self.baseURL = baseURL
    }

    /// From `ALPACA_API_KEY_ID`, `ALPACA_API_SECRET_KEY`, `ALPACA_BASE_URL` (default the paper API) and
    /// `STRATCHAT_ALPACA_ALLOW_LIVE=1`, which alone lets the live address through.
    package static func from(environment: [String: String]) throws(AlpacaError) -> AlpacaConfiguration {
        guard let key = environment[keyIdVariable], let secret = environment[secretVariable] else { throw .missingKeys }
        var url = paperURL
        if let text = environment[baseURLVariable]?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            guard let parsed = URL(string: text), parsed.host != nil else { throw .unsupportedBaseURL("(not a URL)") }
            url = parsed
        }
        let allow = ["1", "true", "yes"].contains(environment[allowLiveVariable]?.lowercased() ?? "")
        return try AlpacaConfiguration(keyId: key, secretKey: secret, baseURL: url, allowLive: allow)
    }

    /// True on the paper API or a local stand-in.
    package var isPaper: Bool { baseURL.host?.lowercased() != Self.liveHost }

    /// The headers that authenticate a request.
    var headers: [String: String] { ["APCA-API-KEY-ID": keyId, "APCA-API-SECRET-KEY": secretKey] }

    package var description: String { "Alpaca \(isPaper ? "paper" : "live") at \(Redactor.endpoint(baseURL)), keys (hidden)" }
    package var debugDescription: String { description }
    package var customMirror: Mirror { Mirror(self, children: ["description": description]) }
}
