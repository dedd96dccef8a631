import Foundation

/// What can go wrong talking to Alpaca; no case carries a key, and every text is scrubbed of them.
package enum AlpacaError: Error, Hashable, Sendable, LocalizedError {
    case missingKeys
    case liveRefused
    case unsupportedBaseURL(String)
    /// The broker refused the order (403 insufficient buying power, 422 a field it will not take).
    case rejected(status: Int, clientOrderId: String, message: String)
    /// A market-on-open order outside the window in which Alpaca takes one.
    case missedOpgWindow(clientOrderId: String, reason: String)
    /// A `day` order (a bracket or `oto`) not sent because the market is open: it would fill at the current price,
    /// not at the open the simulation used.
    case openPassed(clientOrderId: String)
    /// Any other status, after retries for 429 and 5xx.
    case http(status: Int, endpoint: String, message: String)
    /// No answer, a refused or a cut connection, after retries.
    case network(String)
    /// A response whose body is not what the OpenAPI document describes.
    case unreadable(endpoint: String, detail: String)

    package var errorDescription: String? {
        switch self {
        case .missingKeys:
            "Alpaca keys are not set: export \(AlpacaConfiguration.keyIdVariable) and \(AlpacaConfiguration.secretVariable) "
                + "(from the paper account's page at app.alpaca.markets)."
        case .liveRefused:
            "\(AlpacaConfiguration.baseURLVariable) points at Alpaca's live API, which trades real money: stratchat sends "
                + "orders to the paper API (\(AlpacaConfiguration.paperURL.absoluteString)). Remove the setting, or set "
                + "\(AlpacaConfiguration.allowLiveVariable)=1 only if you mean live trading."
        case .unsupportedBaseURL(let shown):
            "\(AlpacaConfiguration.baseURLVariable) \(shown) is not an Alpaca address: use \(AlpacaConfiguration.paperURL.absoluteString) "
                + "(the default) so the keys go nowhere else."
        case let .rejected(status, id, message):
            "Alpaca refused order \(id) (HTTP \(status)): \(message). Check the symbol, quantity and buying power."
        case let .missedOpgWindow(id, reason):
            "Order \(id) missed the market-on-open window: \(reason)"
        case .openPassed(let id):
            "Order \(id) not sent: the open has passed. The market is open now, and a day order (a bracket or an oto with "
                + "the strategy's stop or target) would fill at the current price, not at the open the simulation used. "
                + "Send it while the market is closed: it queues for the next open."
        case let .http(status, endpoint, message):
            "HTTP \(status) from Alpaca \(endpoint)" + (message.isEmpty ? "" : ": \(message)")
                + (status == 401 || status == 403 ? ". Check that the paper keys are set and valid." : ". Try again later.")
        case .network(let text):
            text
        case let .unreadable(endpoint, detail):
            "Alpaca's answer from \(endpoint) could not be read (\(detail)); the API may have changed."
        }
    }
}
