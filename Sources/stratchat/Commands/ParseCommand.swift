import ArgumentParser
import Foundation
import StrategyCore

/// `stratchat parse "TEXT" [--json]`: shows what the offline text parser makes of a description, without
/// storing anything, so a person can check the wording before creating a strategy in the chat.
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Turn a plain-words strategy into its structured form, without storing it.",
        discussion: """
            Prints the strategy in plain words, what was assumed, the words that could not be placed, \
            a question when the idea cannot be tested as written, then the strategy file (JSON). With \
            --json, prints exactly one object: {"strategy": {…} or null, "assumptions": […], \
            "unrecognized": […], "question": "…" or null}; saved to a file, it is a strategy file that \
            `stratchat validate` and `stratchat backtest --strategy` read. Several words are joined with \
            spaces, so quoting is optional; `-` reads the text from standard input.

            Exit code 0 when the text became a valid strategy, 1 when a question is needed (the strategy \
            then holds what was understood, or null), 2 when the text is empty.

            Examples:
              stratchat parse "buy when RSI is below 30, sell above 70, 8% stop"
              stratchat parse --json "entry: rsi_14 < 30 and close > sma_200; exit: rsi_14 > 70" > s.json
              stratchat backtest --strategy s.json
              echo "buy on a golden cross" | stratchat parse -
            """
    )

    @Argument(help: ArgumentHelp("The strategy in plain words, or in the precise form.", valueName: "text"))
    var words: [String] = []

    @Flag(name: .long, help: "Print one JSON object instead of the readable form.")
    var json = false

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let console = StandardConsole()
        var text = words.joined(separator: " ")
        if words == ["-"] {
            text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        }
        text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            console.writeError("error: no strategy text given; pass it in quotes, e.g. stratchat parse \"buy when RSI is below 30\"")
            throw ExitCode(2)
        }
        let parser = StrategyTextParser()
        let result = parser.parse(text)
        if json {
            console.write(Self.jsonText(parser.jsonObject(for: result)) + "\n")
        } else {
            console.write(Self.report(result, object: parser.jsonObject(for: result)))
        }
        if !result.isComplete { throw ExitCode(1) }
    }

    /// The object as indented JSON with sorted keys, so the same text always prints the same bytes.
    static func jsonText(_ object: JSONValue) -> String {
        (try? StrategyJSON.encodeString(object, pretty: true)) ?? object.canonicalText()
    }

    /// The readable form: a verdict line, the plain description, assumptions, leftovers, the question, the file.
    static func report(_ result: ParseResult, object: JSONValue) -> String {
        var lines: [String] = []
        if let strategy = result.strategy {
            let verdict = result.isComplete ? "Parsed" : "Partly understood"
            lines.append("\(verdict): \"\(strategy.name)\" (\(strategy.timeframe.rawValue))")
            lines += strategy.plainDescription.map { "  \($0)" }
        } else {
            lines.append("Not understood as a strategy yet.")
        }
        if !result.assumptions.isEmpty {
            lines.append("Assumed:")
            lines += result.assumptions.map { "  • \($0)" }
        }
        if !result.unrecognized.isEmpty {
            lines.append("Could not place: " + result.unrecognized.map { "\"\($0)\"" }.joined(separator: ", "))
        }
        if let question = result.question {
            lines.append("Question: \(question)")
        }
        if let strategy = object["strategy"], !strategy.isNull {
            lines.append("")
            lines.append("Strategy file:")
            lines.append(jsonText(strategy))
        }
        return lines.map { $0 + "\n" }.joined()
    }
}
