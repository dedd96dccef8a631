import Foundation

/// Why a strategy tool could not do what was asked, with what to change.
///
/// Tools return these to the model as error results it can correct (a wrong id, a bad date), so each
/// message names the argument and the fix.
public enum ToolsError: Error, Hashable, Sendable {
    /// The arguments were not a JSON object.
    case unreadableArguments(tool: String, reason: String)
    case missingArgument(tool: String, name: String)
    case invalidArgument(tool: String, name: String, reason: String, fix: String)
    /// No strategy of this user matches; `suggestion` is a close name.
    case strategyNotFound(reference: String, suggestion: String?)
    /// Several strategies match; `candidates` are "name (id prefix)".
    case ambiguousStrategy(reference: String, candidates: [String])
    /// `delete_strategy` without `confirm: true`.
    case confirmationRequired(strategy: String)
    /// A bundled prompt file is missing from the program's resources.
    case promptMissing(String)
    /// No data for what was asked.
    case noData(String, fix: String)
}

extension ToolsError: LocalizedError {
    /// The problem in words without the tool's name, for a reader who knows which tool was called.
    var problem: String {
        switch self {
        case .invalidArgument(_, let name, let reason, let fix): "\"\(name)\" \(reason). \(fix)"
        default: errorDescription ?? "\(self)"
        }
    }

    public var errorDescription: String? {
        switch self {
        case .unreadableArguments(let tool, let reason):
            "The arguments of \(tool) are not a JSON object (\(reason)). Send the arguments as one JSON object."
        case .missingArgument(let tool, let name):
            "\(tool) needs \"\(name)\". Add it to the arguments."
        case .invalidArgument(let tool, _, _, _):
            "\(tool): \(problem)"
        case .strategyNotFound(let reference, let suggestion):
            "No strategy \"\(reference)\" found for this user."
                + (suggestion.map { " Did you mean \"\($0)\"?" } ?? "")
                + " Use \(ToolName.listUserStrategies.rawValue) to see ids and names."
        case .ambiguousStrategy(let reference, let candidates):
            "\"\(reference)\" matches \(candidates.count) strategies: \(candidates.joined(separator: "; ")). Give more of the id or the full name."
        case .confirmationRequired(let strategy):
            "Deleting \(strategy) removes it with its versions, backtests and signals for good. Ask the person to confirm, then call \(ToolName.deleteStrategy.rawValue) again with \"confirm\": true."
        case .promptMissing(let name):
            "The prompt file \(name) is missing from the program's resources. Rebuild stratchat; the prompts/ folder must be present."
        case .noData(let what, let fix):
            "\(what) \(fix)"
        }
    }
}
