import Foundation
import StrategyCore

/// Why a live source could not answer; every case names the source, the endpoint (never the key)
/// and what the person can do about it.
package enum LiveSourceError: Error, Sendable, Hashable {
    /// The source needs a key that is not set.
    case missingKey(source: String, variable: String)
    /// The next request would cross the source's daily request limit, so it was not sent.
    case dailyLimitReached(source: String, used: Int, limit: Int, needed: Int, day: Day)
    /// The server answered with an error status.
    case http(source: String, endpoint: String, status: Int, excerpt: String)
    /// The server sent an error message inside a normal-looking answer.
    case apiMessage(source: String, endpoint: String, message: String)
    /// No answer within the timeout.
    case timeout(source: String, endpoint: String, seconds: Double)
    /// The connection failed or broke.
    case network(source: String, endpoint: String, reason: String)
    /// The answer is not JSON (an HTML error page from a proxy, for instance).
    case notJSON(source: String, endpoint: String, excerpt: String)
    /// The answer is JSON but not the documented shape, or was cut off.
    case unexpectedShape(source: String, endpoint: String, detail: String)
    /// The source answered with nothing for what was asked.
    case noData(source: String, endpoint: String, what: String)
    /// The source keeps no history before this day, so the range cannot be answered.
    case noHistory(source: String, what: String, before: Day)
    /// The local cache failed.
    case cache(source: String, reason: String)

    package var source: String {
        switch self {
        case .missingKey(let s, _), .dailyLimitReached(let s, _, _, _, _), .http(let s, _, _, _),
             .apiMessage(let s, _, _), .timeout(let s, _, _), .network(let s, _, _), .notJSON(let s, _, _),
             .unexpectedShape(let s, _, _), .noData(let s, _, _), .noHistory(let s, _, _), .cache(let s, _):
            s
        }
    }
}

extension LiveSourceError: LocalizedError {
    package var errorDescription: String? {
        switch self {
        case .missingKey(let source, let variable):
            return "\(source): no API key. Set \(variable) in the environment or the config file to use this source."
        case .dailyLimitReached(let source, let used, let limit, let needed, let day):
            return "\(source): \(used) of \(limit) requests already used on \(day.iso) (UTC); \(needed) more would cross "
                + "the daily limit, so nothing was sent. Cached data still works; try again after midnight UTC, "
                + "narrow the tickers or range, or raise the limit if your plan allows more."
        case .http(let source, let endpoint, let status, let excerpt):
            let body = excerpt.isEmpty ? "" : " (\(excerpt))"
            return "\(source): HTTP \(status) from \(endpoint)\(body). \(Self.hint(source: source, status: status))"
        case .apiMessage(let source, let endpoint, let message):
            return "\(source): \(endpoint) answered with an error: \(message). Check the key and the request parameters."
        case .timeout(let source, let endpoint, let seconds):
            return "\(source): no answer from \(endpoint) within \(Int(seconds.rounded())) s. Check the network and try again."
        case .network(let source, let endpoint, let reason):
            return "\(source): could not reach \(endpoint): \(reason). Check the network connection."
        case .notJSON(let source, let endpoint, let excerpt):
            return "\(source): \(endpoint) did not answer with JSON (\(excerpt)). The service or a proxy in between "
                + "is failing; try again later."
        case .unexpectedShape(let source, let endpoint, let detail):
            return "\(source): the answer from \(endpoint) is not in the expected shape: \(detail). "
                + "Try again; if it persists the service may have changed its format."
        case .noData(let source, let endpoint, let what):
            return "\(source): \(endpoint) returned no data for \(what). Check the ticker and the date range."
        case .noHistory(let source, let what, let before):
            return "\(source) keeps no history: no \(what) before \(before.iso). Start the range on or after "
                + "\(before.iso), or use the embedded synthetic sample for earlier dates."
        case .cache(let source, let reason):
            return "\(source): the local cache failed: \(reason). Check that the data directory is writable."
        }
    }

    static func hint(source: String, status: Int) -> String {
        switch status {
        case 401, 403: return "The key was rejected: check the \(source) API key."
        case 402: return "This endpoint is not in your \(source) plan: use another source or upgrade the plan."
        case 404: return "Not found: check the ticker."
        case 429: return "Rate limited even after retrying: wait a while before trying again."
        case 500...599: return "The \(source) service is failing even after retrying: try again later."
        default: return "Check the request parameters."
        }
    }
}
