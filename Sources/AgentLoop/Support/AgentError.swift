import Foundation

/// What went wrong talking to a model, or choosing one, with how to fix it.
///
/// Every description is safe to print: keys never appear, and body excerpts from
/// providers are redacted before they are stored here.
package enum AgentError: Error, Hashable, Sendable {
    /// HTTP 401/403. `keySent` is false when no key was configured at all.
    case keyRejected(provider: String, status: Int, environmentVariable: String, keySent: Bool)
    case unknownModel(provider: String, model: String)
    /// The URL answered 404 for something other than the model: usually a wrong base URL.
    case endpointNotFound(provider: String, url: String)
    /// HTTP 429 after the retries ran out.
    case rateLimited(provider: String, retryAfterSeconds: Double?)
    case serverError(provider: String, status: Int, excerpt: String)
    case contextOverflow(provider: String, excerpt: String)
    /// Any other refusal (HTTP 4xx), with the provider's own words.
    case requestRejected(provider: String, status: Int, excerpt: String)
    /// Nothing arrived for `seconds` while waiting for the response or the next chunk.
    case timedOut(provider: String, seconds: Double)
    /// The stream ended before the provider said it was complete.
    case streamDropped(provider: String, detail: String)
    /// The provider reported an error inside the stream.
    case streamError(provider: String, message: String)
    /// A chunk that could not be read.
    case malformedStream(provider: String, detail: String)
    case unreachable(provider: String, url: String, reason: String)
    case unknownProvider(name: String, suggestion: String?)
    case invalidBaseURL(String)
    case conflictingChoice(String)
    /// A transcript file that cannot be read; `line` is the first bad line, when there is one.
    case transcriptUnreadable(path: String, line: Int?, reason: String)
    case transcriptUnwritable(path: String, reason: String)
    /// A replay asked for more model responses than the recording holds.
    case replayExhausted(recorded: Int)
}

extension AgentError: LocalizedError {
    package var errorDescription: String? {
        switch self {
        case .keyRejected(let provider, let status, let variable, let keySent):
            keySent
                ? "\(provider): key rejected (HTTP \(status)). Set \(variable) to a valid key."
                : "\(provider): key rejected, none was given (HTTP \(status)). Set \(variable)."
        case .unknownModel(let provider, let model):
            "unknown model \(model) at \(provider). Check the name with --model, or pull it first on a local server."
        case .endpointNotFound(let provider, let url):
            "\(provider): \(url) was not found (HTTP 404). Check the base URL (--base-url); OpenAI-compatible servers usually end in /v1."
        case .rateLimited(let provider, let retryAfter):
            "\(provider) is rate-limiting requests"
                + (retryAfter.map { " (it asked to wait \(Int($0.rounded(.up))) s)" } ?? "")
                + ". Wait a moment and try again, or use another model."
        case .serverError(let provider, let status, let excerpt):
            "\(provider) had a server error (HTTP \(status))\(Self.quote(excerpt)). Try again shortly."
        case .contextOverflow(let provider, let excerpt):
            "the conversation is too long for this model's context window at \(provider)\(Self.quote(excerpt)). Start a new conversation with /clear or pick a model with a larger context."
        case .requestRejected(let provider, let status, let excerpt):
            "\(provider) refused the request (HTTP \(status))\(Self.quote(excerpt))."
        case .timedOut(let provider, let seconds):
            "\(provider) sent nothing for \(Self.seconds(seconds)) s, so the request was abandoned. Check the server and try again."
        case .streamDropped(let provider, let detail):
            "the response from \(provider) was cut off \(detail). Try again; the conversation is kept."
        case .streamError(let provider, let message):
            "\(provider) reported an error while answering: \(message). Try again."
        case .malformedStream(let provider, let detail):
            "\(provider) sent a response that could not be read (\(detail)). Check that the base URL points at a compatible server."
        case .unreachable(let provider, let url, let reason):
            "could not reach \(provider) at \(url): \(reason). Check the base URL and that the server is running."
        case .unknownProvider(let name, let suggestion):
            "unknown provider \"\(name)\"" + (suggestion.map { "; did you mean \"\($0)\"?" } ?? "")
                + " Valid providers: openai, anthropic, offline (model prefixes also accept ollama, lmstudio, llamacpp, vllm, openrouter)."
        case .invalidBaseURL(let text):
            "\"\(text)\" is not a valid base URL. Give a full http:// or https:// URL, such as http://localhost:11434/v1."
        case .conflictingChoice(let detail):
            "\(detail). Give the provider once, either with --provider or as the --model prefix."
        case .transcriptUnreadable(let path, let line, let reason):
            "cannot read the transcript \(path)\(line.map { " (line \($0))" } ?? ""): \(reason). Give a file written by --record or /save."
        case .transcriptUnwritable(let path, let reason):
            "cannot write the transcript \(path): \(reason). Check that its folder exists and is writable."
        case .replayExhausted(let recorded):
            "the recording holds \(recorded) model response(s) and the replay asked for more, so the tools answered differently from the recording. Compare the tool results reported above."
        }
    }

    private static func quote(_ excerpt: String) -> String {
        excerpt.isEmpty ? "" : ": \(excerpt)"
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}
