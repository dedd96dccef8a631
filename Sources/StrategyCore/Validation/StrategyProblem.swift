import Foundation

/// One thing wrong with a strategy: where it is, what is wrong, and how to fix it.
///
/// Paths use the strategy file's own keys (`entry_conditions[1].field`, `risk_parameters.stop_loss_pct`)
/// so a person or a model can go straight to the spot; an empty path means the whole document.
package struct StrategyProblem: Hashable, Sendable, Codable {
    package var path: String
    package var message: String
    package var fix: String

    package init(path: String, message: String, fix: String) {
        self.path = path
        self.message = message
        self.fix = fix
    }
}

extension StrategyProblem: CustomStringConvertible {
    /// One line: `path: message — fix`.
    package var description: String {
        let place = path.isEmpty ? "" : "\(path): "
        return "\(place)\(message) — \(fix)"
    }
}
