import Foundation
import StrategyCore
import Tools

/// `/paper`: paper accounts (paper money, never a broker's), traded by `stratchat scan`.
extension SlashCommand {
    static let paper = SlashCommand(
        name: "paper", usage: "/paper [open N|add ID|halt|limits …]",
        summary: "Paper trading with paper money: /paper open 100000, /paper add ID (or remove ID), /paper halt [REASON], /paper resume, /paper limits --max-positions N --max-exposure-pct P --daily-loss-limit-pct P (0 turns one off), /paper link [NAME] [auto|approve] (Alpaca paper); each scan trades it.",
        completion: .strategy
    ) { arguments, context in
        let words = arguments.split(whereSeparator: \.isWhitespace).map(String.init)
        let store = try context.store()
        let service = PaperService(store: store, user: context.user)
        let settings = context.session?.toolSettings ?? ToolSettings()
        let style = RenderStyle(width: max(80, context.style.width ?? 100), unicode: !context.style.ascii, color: false)
        let rest = words.dropFirst().joined(separator: " ")
        do {
            switch words.first?.lowercased() {
            case nil, "show":
                // Through the tool, whose face draws the equity against the benchmark from the market data.
                try await runTool(.getPaperAccount, rest.isEmpty ? [:] : ["account": .string(rest)], context)
            case "open":
                guard let amountText = words.dropFirst().first,
                      let amount = Double(amountText.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "$", with: "")
                        .replacingOccurrences(of: "k", with: "000")), amount.isFinite, amount > 0 else {
                    throw SlashError.usage("Give the paper money to start with: /paper open 100000")
                }
                let name = words.count > 2 ? words.dropFirst(2).joined(separator: " ") : nil
                let account = try service.open(name: name, capital: amount, commissionPct: settings.commissionPct,
                                               slippageBps: settings.slippageBps)
                context.console.line("Opened paper account \"\(account.name)\" with \(NumberText.dollars(amount)) of paper money (not real money). Attach a strategy with /paper add ID; each `stratchat scan` trades it.")
            case "add":
                guard !rest.isEmpty else { throw SlashError.usage("Name the strategy: /paper add ID") }
                let (account, strategy) = try service.add(strategy: rest, to: nil)
                context.console.line("Attached \"\(strategy.name)\" to paper account \"\(account.name)\" (paper money); the next scan trades it.")
            case "remove":
                guard !rest.isEmpty else { throw SlashError.usage("Name the strategy: /paper remove ID") }
                let (account, strategy) = try service.remove(strategy: rest, from: nil)
                context.console.line("Detached \"\(strategy.name)\" from paper account \"\(account.name)\"; its open positions stay.")
            case "halt":
                let account = try service.setHalted(true, name: nil, reason: rest.isEmpty ? nil : rest)
                context.console.line("Paper account \"\(account.name)\" halted: no new entries until /paper resume (exits still fill).")
            case "resume":
                let account = try service.setHalted(false, name: nil)
                context.console.line("Paper account \"\(account.name)\" resumed: the next scan places new entries again.")
            case "limits" where words.count == 1:
                let account = try service.account(nil)
                context.console.line("Paper account \"\(account.name)\" limits: \(StrategyToolbox.limitsText(account.book.limits)). "
                                     + "Change them with /paper limits --max-positions N --max-exposure-pct P --daily-loss-limit-pct P (0 turns one off).")
            case "limits":
                let change = try PaperLimitsChange(words: Array(words.dropFirst()))
                let account = try service.setLimits(name: nil) { change.applied(to: $0) }
                context.console.line(PaperLimitsChange.said(account))
            case "link", "unlink", "mode":
                try await paperLink(words[0].lowercased(), Array(words.dropFirst()), context: context)
            default:
                throw SlashError.usage("Unknown /paper action \"\(words[0])\": use /paper, /paper open 100000, /paper add ID, /paper halt, /paper resume or /paper limits --max-positions 10.")
            }
        } catch let error as PaperError {
            throw SlashError.toolFailed(error.errorDescription ?? "\(error)")
        } catch let error as PaperBrokerError {
            throw SlashError.toolFailed(error.errorDescription ?? "\(error)")
        }
        return .keepGoing
    }
}
