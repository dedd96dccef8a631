/// What Tab offers after a slash command's name, declared with the command so the completer needs no list
/// of its own.
struct SlashCompletion: Hashable, Sendable {
    /// Where a strategy reference goes in the command's arguments.
    enum Reference: Hashable, Sendable {
        case none
        /// The whole argument is one reference, so a name may hold spaces (`/show RSI dip`).
        case whole
        /// The reference is the first word and text follows it (`/refine ID TEXT`): names with spaces are
        /// offered in quotes.
        case leading
    }

    var reference: Reference = .none
    /// Tickers are offered after the word `on` (`/backtest dip on AAPL,MS`).
    var tickersAfterOn = false
    /// Tickers are the first argument (`/act AAPL`).
    var tickers = false
    /// Signal ids are the first argument (`/act 3f2a…`).
    var signals = false
    /// Fixed words for the first argument (`/compare 30d`).
    var words: [String] = []

    static let none = SlashCompletion()
    static let strategy = SlashCompletion(reference: .whole)
    static let signal = SlashCompletion(signals: true)
}
