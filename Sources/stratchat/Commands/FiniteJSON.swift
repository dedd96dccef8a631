import AgentLoop

/// The warning for `--json` output in which numbers JSON cannot hold (NaN and infinity, from price data
/// that cannot be right) were written as `null`.
enum FiniteJSON {
    /// The warning for `count` numbers written as null.
    static func warning(_ count: Int) -> String {
        "warning: \(count) number\(count == 1 ? " was" : "s were") not finite (NaN or infinity) and \(count == 1 ? "is" : "are") written as null "
            + "— the price data probably holds a zero or absurd price; check it with stratchat data info"
    }

    /// Prints a command's `--json` document on one line, with the warning first when it wrote numbers as null.
    static func print(_ document: AgentJSON, to console: some Console) {
        if document.nonFiniteNumbers > 0 { console.writeError(warning(document.nonFiniteNumbers)) }
        console.write(document.compactText + "\n")
    }
}
