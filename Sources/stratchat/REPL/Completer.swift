import Foundation

/// The pure logic of Tab: given the line up to the cursor, what may come next. Slash command names, then
/// per command strategy id prefixes and names (from the person's store) and tickers (from the data).
///
/// Matching ignores case; candidates come back sorted and without repeats.
struct Completer: Sendable {
    /// A strategy as the completer offers it: its id and name.
    struct Strategy: Hashable, Sendable {
        var id: String
        var name: String
    }

    /// What may replace the text from `start` (a character offset in the line) to the cursor.
    struct Completion: Hashable, Sendable {
        var start: Int
        var candidates: [String]

        static let nothing = Completion(start: 0, candidates: [])
    }

    /// The commands by name and alias (without the slash), each with its argument hints.
    var commands: [String: SlashCompletion]
    var strategies: @Sendable () -> [Strategy]
    var tickers: @Sendable () -> [String]
    /// The person's signal ids that can still be acted on, closed or skipped, among those starting with the
    /// text given (in lower case); a bounded few, not the whole record.
    var signals: @Sendable (String) -> [String]

    init(commands: [String: SlashCompletion], strategies: @escaping @Sendable () -> [Strategy],
         tickers: @escaping @Sendable () -> [String], signals: @escaping @Sendable (String) -> [String] = { _ in [] }) {
        self.commands = commands
        self.strategies = strategies
        self.tickers = tickers
        self.signals = signals
    }

    init(registry: SlashCommandRegistry, strategies: @escaping @Sendable () -> [Strategy],
         tickers: @escaping @Sendable () -> [String], signals: @escaping @Sendable (String) -> [String] = { _ in [] }) {
        var commands: [String: SlashCompletion] = [:]
        for command in registry.commands {
            for name in [command.name] + command.aliases { commands[name] = command.completion }
        }
        self.init(commands: commands, strategies: strategies, tickers: tickers, signals: signals)
    }

    /// How many characters of an id are offered: enough to name it back.
    static let idLength = 8

    func complete(_ line: String) -> Completion {
        guard line.hasPrefix("/") else { return .nothing }
        let characters = Array(line)
        guard let firstSpace = characters.firstIndex(where: \.isWhitespace) else {
            let typed = String(characters.dropFirst()).lowercased()
            return Completion(start: 0, candidates: Self.sorted(commands.keys.filter { $0.hasPrefix(typed) }.map { "/" + $0 }))
        }
        guard let hints = commands[String(characters[1..<firstSpace]).lowercased()] else { return .nothing }
        let argumentStart = characters[firstSpace...].firstIndex { !$0.isWhitespace } ?? characters.count
        let wordStart = (characters.lastIndex(where: \.isWhitespace) ?? -1) + 1
        let word = String(characters[wordStart...])
        let earlierWords = String(characters[argumentStart..<wordStart]).split(whereSeparator: \.isWhitespace)

        if (hints.tickersAfterOn && earlierWords.last?.lowercased() == "on") || (hints.tickers && earlierWords.isEmpty) {
            let itemStart = (characters[wordStart...].lastIndex(of: ",") ?? wordStart - 1) + 1
            let typed = String(characters[itemStart...]).uppercased()
            return Completion(start: itemStart, candidates: Self.sorted(tickers().filter { $0.hasPrefix(typed) }))
        }
        if hints.signals, earlierWords.isEmpty {
            let typed = word.lowercased()
            let ids = signals(typed).filter { $0.lowercased().hasPrefix(typed) }.map { String($0.prefix(Self.idLength)) }
            return Completion(start: wordStart, candidates: Self.sorted(ids))
        }
        if earlierWords.isEmpty, !hints.words.isEmpty {
            return Completion(start: wordStart, candidates: Self.sorted(hints.words.filter { $0.hasPrefix(word.lowercased()) }))
        }
        switch hints.reference {
        case .none:
            return .nothing
        case .leading:
            guard earlierWords.isEmpty else { return .nothing }
            return Completion(start: wordStart, candidates: references(typed: word, quoteSpaces: true))
        case .whole:
            if earlierWords.isEmpty {
                return Completion(start: wordStart, candidates: references(typed: word, quoteSpaces: false))
            }
            let typed = String(characters[argumentStart...]).lowercased()
            let names = strategies().map(\.name).filter { $0.lowercased().hasPrefix(typed) }
            return Completion(start: argumentStart, candidates: Self.sorted(names))
        }
    }

    /// Id prefixes and names that start with `typed`, ignoring case.
    private func references(typed: String, quoteSpaces: Bool) -> [String] {
        let needle = typed.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        var out: [String] = []
        for strategy in strategies() {
            if strategy.id.lowercased().hasPrefix(needle) { out.append(String(strategy.id.prefix(Self.idLength))) }
            if strategy.name.lowercased().hasPrefix(needle) {
                out.append(quoteSpaces && strategy.name.contains(" ") ? "\"\(strategy.name)\"" : strategy.name)
            }
        }
        return Self.sorted(out)
    }

    private static func sorted(_ items: [String]) -> [String] {
        // Quotes are left out of the order, so a quoted name sorts where the bare name would.
        func key(_ text: String) -> String { text.lowercased().replacingOccurrences(of: "\"", with: "") }
        return Array(Set(items)).sorted { (key($0), $0) < (key($1), $1) }
    }

    /// The list readline's completion hook returns for the word that begins at `wordStart` (readline splits
    /// words at spaces, while a name may hold some): the text to put in place of the word, then the
    /// candidates, each cut to the part from `wordStart`. Empty when nothing matches.
    func readlineMatches(line: String, wordStart: Int) -> [String] {
        let completion = complete(line)
        let cut = max(0, wordStart - completion.start)
        let candidates = completion.candidates.filter { $0.count >= cut }.map { String($0.dropFirst(cut)) }
        guard !candidates.isEmpty else { return [] }
        if candidates.count == 1 { return candidates }
        let typed = String(Array(line)[min(wordStart, line.count)...])
        var common = candidates[0]
        for candidate in candidates.dropFirst() {
            common = String(zip(common, candidate).prefix { $0 == $1 }.map(\.0))
        }
        // Never shorten what was typed: cases that differ would otherwise cut it back.
        return [common.count >= typed.count ? common : typed] + candidates
    }
}
