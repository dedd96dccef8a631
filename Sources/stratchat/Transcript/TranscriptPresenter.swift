import AgentLoop
import Foundation
import Tools

/// Shows a transcript to people: as the session looked in the terminal (`replay --show`), as Markdown
/// (`/export`), and the conversation in brief (`/history`).
enum TranscriptPresenter {
    /// The session as it happened: the header, each line typed, the assistant's text, each tool's display.
    /// A display recorded in colour keeps it only when `color` is true (a terminal that wants colour).
    static func terminal(_ events: [TranscriptEvent], color: Bool) -> String {
        var out: [String] = []
        for event in events {
            switch event.type {
            case .session:
                out.append("Session of \(event.at.map(stamp) ?? "unknown time") with \(event.model ?? "no model"), stratchat \(event.version ?? "?"), user \(event.user ?? "?")")
            case .user:
                out.append("")
                out.append("stratchat> \(event.text ?? "")")
            case .assistant:
                if let text = event.text, !text.isEmpty { out.append(text) }
            case .toolResult:
                if let display = event.display, !display.isEmpty {
                    let shown = StyleMarks.replayed(display)
                    out.append("\n" + (color ? shown : ANSI.strip(shown)) + "\n")
                }
            case .confirmation:
                out.append("\(event.text ?? "")\(event.answer == true ? "y" : "n")")
            case .notice:
                if let text = event.text { out.append(text) }
            case .modelSwitch:
                out.append("(switched to \(event.model ?? "?"))")
            case .turnEnd:
                if let usage = event.usage, let elapsed = event.elapsedMs {
                    out.append("(\(usage.input) in, \(usage.output) out, \(elapsed) ms)")
                }
            case .modelResponse, .toolCall:
                break
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// Markdown: the person's lines as quotes, the assistant's text as is, tool displays in code blocks.
    static func markdown(_ events: [TranscriptEvent]) -> String {
        var out: [String] = []
        for event in events {
            switch event.type {
            case .session:
                out.append("# stratchat session, \(event.at.map(stamp) ?? "")")
                out.append("")
                out.append("Model: `\(event.model ?? "none")`")
            case .user:
                out.append("")
                out.append("> " + (event.text ?? "").replacingOccurrences(of: "\n", with: "\n> "))
            case .assistant:
                if let text = event.text, !text.isEmpty {
                    out.append("")
                    out.append(text)
                }
            case .toolResult:
                if let display = event.display, !display.isEmpty {
                    out.append("")
                    out.append("`\(event.name ?? "tool")`:")
                    out.append("")
                    out.append("```")
                    out.append(ANSI.strip(StyleMarks.replayed(display)))  // a file: colour codes would show as noise
                    out.append("```")
                }
            case .confirmation:
                out.append("")
                out.append("*\(event.text ?? "") \(event.answer == true ? "yes" : "no")*")
            case .notice:
                if let text = event.text {
                    out.append("")
                    out.append("*\(text)*")
                }
            case .modelSwitch:
                out.append("")
                out.append("*Switched to `\(event.model ?? "?")`.*")
            case .modelResponse, .toolCall, .turnEnd:
                break
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// One line per message, shortened: what `/history` prints.
    static func historyLines(_ messages: [ChatMessage]) -> [String] {
        messages.compactMap { message in
            switch message {
            case .system:
                return nil
            case .user(let text):
                return "you: " + brief(text)
            case .assistant(let text, let calls):
                let asked = calls.map(\.name).joined(separator: ", ")
                if text.isEmpty { return "assistant: (calls \(asked))" }
                return "assistant: " + brief(text) + (calls.isEmpty ? "" : " (calls \(asked))")
            case .toolResult(let result):
                return "  \(result.name): \(result.isError ? "error — " + brief(result.content) : "done")"
            }
        }
    }

    static func brief(_ text: String, limit: Int = 100) -> String {
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.count > limit ? String(line.prefix(limit)) + "…" : line
    }

    /// "2026-11-26 15:04 UTC".
    static func stamp(_ date: Date) -> String {
        format(date, "yyyy-MM-dd HH:mm 'UTC'")
    }

    /// "20261126-150405", for default file names.
    static func fileStamp(_ date: Date) -> String {
        format(date, "yyyyMMdd-HHmmss")
    }

    private static func format(_ date: Date, _ pattern: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }
}

extension LoopEvent {
    /// The event as a transcript keeps it: a tool's display as the terminal showed it in colour, the program's
    /// styling as SGR codes and every escape from outside text already visible (`StyleMarks.recorded`).
    var recordable: LoopEvent {
        guard case .toolFinished(let call, let output) = self else { return self }
        return .toolFinished(call, output.recordable)
    }
}

extension ToolOutput {
    /// The output with its display as a transcript keeps it (`StyleMarks.recorded`).
    var recordable: ToolOutput {
        var kept = self
        kept.display = display.map(StyleMarks.recorded)
        return kept
    }
}
