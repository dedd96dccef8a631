import AgentLoop
import Foundation
import Tools

/// `/act`, `/close`, `/skip` and `/portfolio`: what the person did with a signal, and what they hold.
extension SlashCommand {
    static let act = SlashCommand(
        name: "act", usage: "/act SIGNAL_ID [PRICE] [SHARES]",
        summary: "Record that you took a signal (price defaults to the signal's close).", completion: .signal
    ) { arguments, context in
        let words = arguments.split(whereSeparator: \.isWhitespace).map(String.init)
        let usage = "/act SIGNAL_ID [PRICE] [SHARES], e.g. /act 3f2a9c1e 24.31 100"
        guard (1...3).contains(words.count) else { throw SlashError.usage("Say which signal you took: \(usage)") }
        var call: [String: AgentJSON] = ["signal_id": .string(words[0]), "action": "act"]
        if words.count > 1 { call["price"] = .number(try number(words[1], usage: usage)) }
        if words.count > 2 { call["shares"] = .number(try number(words[2], usage: usage)) }
        try await runTool(.recordSignalAction, call, context)
        return .keepGoing
    }

    static let close = SlashCommand(
        name: "close", usage: "/close SIGNAL_ID PRICE",
        summary: "Record that you sold a position you took from a signal.", completion: .signal
    ) { arguments, context in
        let words = arguments.split(whereSeparator: \.isWhitespace).map(String.init)
        let usage = "/close SIGNAL_ID PRICE, e.g. /close 3f2a9c1e 26.10"
        guard words.count == 2 else { throw SlashError.usage("Say which signal and the price you sold at: \(usage)") }
        try await runTool(.recordSignalAction,
                          ["signal_id": .string(words[0]), "action": "close", "price": .number(try number(words[1], usage: usage))], context)
        return .keepGoing
    }

    static let skip = SlashCommand(
        name: "skip", usage: "/skip SIGNAL_ID", summary: "Record that you passed on a signal.", completion: .signal
    ) { arguments, context in
        let words = arguments.split(whereSeparator: \.isWhitespace).map(String.init)
        guard words.count == 1 else { throw SlashError.usage("Say which signal you passed on: /skip SIGNAL_ID") }
        try await runTool(.recordSignalAction, ["signal_id": .string(words[0]), "action": "skip"], context)
        return .keepGoing
    }

    static let portfolio = SlashCommand(
        name: "portfolio", summary: "What you hold and how your closed trades went (imported and from signals)."
    ) { _, context in
        let store = try context.store()
        let book = try PortfolioBook.load(user: context.user, store: store)
        let width = max(80, context.style.width.map { OutputStyle.terminalWidth() ?? $0 } ?? 100)
        context.console.line(book.render(borders: context.style.ascii ? .ascii : .unicode, width: width))
        return .keepGoing
    }

    /// A price or share count as typed ("24.31", "$24.31").
    private static func number(_ text: String, usage: String) throws -> Double {
        guard let value = Double(text.hasPrefix("$") ? String(text.dropFirst()) : text), value.isFinite, value > 0 else {
            throw SlashError.usage("\"\(text)\" is not a positive number: \(usage)")
        }
        return value
    }
}
