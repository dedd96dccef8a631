import Foundation

/// Everything that can go wrong moving bytes over HTTP, with the endpoint already stripped of secrets.
///
/// `endpoint` is always built with `Redactor.endpoint`, so printing any of these can never leak a key.
package enum NetworkingError: Error, Sendable, Hashable {
    /// The server answered with a status we do not accept.
    case httpStatus(status: Int, endpoint: String, bodyExcerpt: String, retryAfter: Double?)
    /// No progress (no response or no further bytes) within the request's timeout.
    case timeout(endpoint: String, seconds: Double)
    /// The connection could not be made or broke before a response arrived.
    case connectionFailed(endpoint: String, reason: String)
    /// The response started but its body was cut before the end.
    case streamInterrupted(endpoint: String, reason: String)

    /// The longest body excerpt kept in an error.
    package static let excerptLimit = 300

    /// Builds a status error from a response, redacting the endpoint and the body excerpt.
    package static func status(_ response: HTTPResponse, for request: HTTPRequest) -> NetworkingError {
        .httpStatus(
            status: response.status,
            endpoint: Redactor.endpoint(request.url),
            bodyExcerpt: excerpt(of: response.body, knownSecrets: knownSecrets(in: request)),
            retryAfter: response.header("Retry-After").flatMap { RetryPolicy.parseRetryAfter($0, now: Date()) })
    }

    /// The secret values a request carries, so they can be scrubbed from anything echoed back.
    package static func knownSecrets(in request: HTTPRequest) -> [String] {
        var secrets: [String] = []
        if let items = URLComponents(url: request.url, resolvingAgainstBaseURL: true)?.queryItems {
            secrets += items.filter { Redactor.isSecretQueryName($0.name) }.compactMap(\.value)
        }
        for (name, value) in request.headers where Redactor.isSecretHeaderName(name) {
            secrets.append(value)
            if let token = value.split(separator: " ").last { secrets.append(String(token)) }
        }
        return secrets
    }

    /// A short single-line excerpt of a body, tags stripped for HTML pages, secrets removed.
    package static func excerpt(of body: Data, knownSecrets: [String] = []) -> String {
        var text = String(decoding: body.prefix(4096), as: UTF8.self)
        if text.range(of: "<html", options: .caseInsensitive) != nil || text.hasPrefix("<!") {
            text = text.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
        }
        text = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        text = Redactor.scrub(text, knownSecrets: knownSecrets)
        if text.count > excerptLimit { text = String(text.prefix(excerptLimit)) + "…" }
        return text
    }

    /// The HTTP status, when the error is one.
    package var status: Int? {
        if case .httpStatus(let status, _, _, _) = self { return status }
        return nil
    }

    package var endpoint: String {
        switch self {
        case .httpStatus(_, let endpoint, _, _), .timeout(let endpoint, _),
             .connectionFailed(let endpoint, _), .streamInterrupted(let endpoint, _):
            endpoint
        }
    }
}

extension NetworkingError: LocalizedError {
    package var errorDescription: String? {
        switch self {
        case .httpStatus(let status, let endpoint, let excerpt, let retryAfter):
            let body = excerpt.isEmpty ? "" : ": \(excerpt)"
            return "HTTP \(status) from \(endpoint)\(body). \(Self.hint(status: status, retryAfter: retryAfter))"
        case .timeout(let endpoint, let seconds):
            return "No response from \(endpoint) within \(Self.format(seconds)) s. "
                + "Check the network connection and that the server is up, or raise the timeout."
        case .connectionFailed(let endpoint, let reason):
            return "Could not reach \(endpoint): \(reason). Check the network connection and the base URL."
        case .streamInterrupted(let endpoint, let reason):
            return "The response from \(endpoint) was cut off: \(reason). Try again; if it keeps happening, "
                + "the server or a proxy is dropping long responses."
        }
    }

    static func hint(status: Int, retryAfter: Double?) -> String {
        switch status {
        case 401, 403: return "The key was rejected: check that the API key is set and valid for this service."
        case 404: return "Not found: check the name or path being requested."
        case 429:
            let wait = retryAfter.map { " (the server asked for \(format($0)) s)" } ?? ""
            return "Rate limited\(wait): wait before trying again, or lower the request rate."
        case 500...599: return "The server failed: try again later."
        default: return "Check the request parameters."
        }
    }

    static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(format: "%.1f", seconds)
    }
}
