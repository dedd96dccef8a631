import Foundation

/// Why a strategy slash command did nothing, said to the person with what to type instead.
enum SlashError: Error, Equatable, LocalizedError {
    case usage(String)
    /// Several strategies match a reference: each is "id prefix  name".
    case ambiguous(reference: String, candidates: [String])
    case notFound(reference: String, suggestion: String?)
    /// The tool answered with an error; its message says what to fix.
    case toolFailed(String)
    /// Ctrl-C stopped the command.
    case cancelled

    var errorDescription: String? {
        switch self {
        case .usage(let text):
            text
        case .ambiguous(let reference, let candidates):
            (["\"\(reference)\" matches \(candidates.count) strategies:"] + candidates.map { "  " + $0 }
                + ["Type more of the id, or the full name."]).joined(separator: "\n")
        case .notFound(let reference, let suggestion):
            "No strategy \"\(reference)\"" + (suggestion.map { " — did you mean \"\($0)\"?" } ?? ".")
                + " /strategies lists yours."
        case .toolFailed(let message):
            message
        case .cancelled:
            "Cancelled; nothing more was done."
        }
    }
}
