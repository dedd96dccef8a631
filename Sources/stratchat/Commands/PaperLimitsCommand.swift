import ArgumentParser
import Foundation
import Store
import StrategyCore
import Tools

/// The risk limits `paper limits` and `/paper limits` change: nil leaves a limit as it is, 0 turns it off.
struct PaperLimitsChange: Hashable, Sendable {
    var maxPositions: Int?
    var maxExposurePct: Double?
    var dailyLossLimitPct: Double?

    static let usage = "Name a limit to change: --max-positions N, --max-exposure-pct P or --daily-loss-limit-pct P (0 turns one off)."

    var isEmpty: Bool { maxPositions == nil && maxExposurePct == nil && dailyLossLimitPct == nil }

    /// What is wrong with the change, in one line with the fix; nil when it can be made.
    var problem: String? { isEmpty ? Self.usage : valueProblem }

    /// What is wrong with the values given, in one line with the fix; nil when each can be set.
    var valueProblem: String? {
        if let maxPositions, maxPositions < 0 {
            return "--max-positions \(maxPositions) is negative: give a count of positions, e.g. 10, or 0 for no limit."
        }
        for (flag, value) in [("--max-exposure-pct", maxExposurePct), ("--daily-loss-limit-pct", dailyLossLimitPct)] {
            if let value, !(value.isFinite && value >= 0) {
                return "\(flag) \(value) is not a percent: give one, e.g. \(flag) 5, or 0 for no limit."
            }
        }
        return nil
    }

    func applied(to limits: PaperRiskLimits) -> PaperRiskLimits {
        limits.changing(maxOpenPositions: maxPositions, maxExposurePct: maxExposurePct, dailyLossLimitPct: dailyLossLimitPct)
    }

    /// The chat's words: `--max-positions 5 --daily-loss-limit-pct 3` (the leading dashes may be left out).
    /// Throws the line that says what is wrong.
    init(words: [String]) throws(SlashError) {
        var i = 0
        while i < words.count {
            let flag = words[i].lowercased().drop { $0 == "-" }
            guard i + 1 < words.count else {
                throw SlashError.usage("Give a value after \(words[i]): /paper limits --\(flag) 5 (0 turns it off).")
            }
            let text = words[i + 1].replacingOccurrences(of: "%", with: "")
            switch flag {
            case "max-positions":
                guard let n = Int(text) else {
                    throw SlashError.usage("--max-positions \(words[i + 1]) is not a whole number: give e.g. 10, or 0 for no limit.")
                }
                maxPositions = n
            case "max-exposure-pct", "daily-loss-limit-pct":
                guard let value = Double(text) else {
                    throw SlashError.usage("--\(flag) \(words[i + 1]) is not a number: give a percent, e.g. 5, or 0 for no limit.")
                }
                if flag == "max-exposure-pct" { maxExposurePct = value } else { dailyLossLimitPct = value }
            default:
                throw SlashError.usage("Unknown limit \"\(words[i])\". " + Self.usage)
            }
            i += 2
        }
        if let problem { throw SlashError.usage(problem) }
    }

    init(maxPositions: Int?, maxExposurePct: Double?, dailyLossLimitPct: Double?) {
        self.maxPositions = maxPositions
        self.maxExposurePct = maxExposurePct
        self.dailyLossLimitPct = dailyLossLimitPct
    }

    /// What the change left, in words.
    static func said(_ account: PaperAccount) -> String {
        "Paper account \"\(account.name)\" limits: \(StrategyToolbox.limitsText(account.book.limits)). "
            + "The next scan holds new entries to them; crossing the daily loss limit halts the account until it is resumed."
    }
}

/// The risk limits `paper open` sets and `paper limits` changes.
struct PaperLimitOptions: ParsableArguments {
    @Option(name: .customLong("max-positions"), help: ArgumentHelp("Most open positions (waiting buys count); 0 = no limit.", valueName: "n"))
    var maxPositions: Int?

    @Option(name: .customLong("max-exposure-pct"), help: ArgumentHelp("Most money in positions and waiting buys, in percent of equity; 0 = no limit.", valueName: "pct"))
    var maxExposurePct: Double?

    @Option(name: .customLong("daily-loss-limit-pct"), help: ArgumentHelp("A one-day fall of equity, in percent, that halts new entries; 0 = no limit.", valueName: "pct"))
    var dailyLossLimitPct: Double?

    var change: PaperLimitsChange {
        PaperLimitsChange(maxPositions: maxPositions, maxExposurePct: maxExposurePct, dailyLossLimitPct: dailyLossLimitPct)
    }
}

struct PaperLimitsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "limits", abstract: "Change a paper account's risk limits (0 turns one off).",
        discussion: "Limits not named stay as they are. The next scan holds new entries to them.")

    @Argument(help: ArgumentHelp("The account's name.", valueName: "name"))
    var name: String

    @OptionGroup var limits: PaperLimitOptions
    @OptionGroup var options: GlobalOptions

    func validate() throws {
        if let problem = limits.change.problem { throw ValidationError(problem) }
    }

    func run() async throws {
        let change = limits.change
        let account = try await PaperCommand.withService(options) { service, _, _ in
            try service.setLimits(name: name) { change.applied(to: $0) }
        }
        StandardConsole().write(PaperLimitsChange.said(account) + "\n")
    }
}
