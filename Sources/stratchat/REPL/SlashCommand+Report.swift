import AgentLoop
import Foundation
import Tools

/// `/report`: the strategy's latest backtest as one self-contained HTML file, as `stratchat report` writes.
extension SlashCommand {
    static let report = SlashCommand(
        name: "report", usage: "/report [ID] FILE.html",
        summary: "Write the latest backtest as one HTML file (charts, metrics, trades; no network).",
        completion: .strategy
    ) { arguments, context in
        var words = arguments.split(whereSeparator: \.isWhitespace).map(String.init)
        let usage = "/report ID FILE.html, e.g. /report a1b2c3d4 dip.html"
        guard let file = words.last, file.lowercased().hasSuffix(".html") || file.lowercased().hasSuffix(".htm") else {
            throw SlashError.usage("Name the HTML file to write: \(usage)")
        }
        words.removeLast()
        let strategy = try strategy(words.joined(separator: " "), context, usage: usage)
        let store = try context.store()
        let id = strategy.id
        if try store.latestBacktest(strategyId: id, user: context.user) == nil {
            context.console.line("\"\(strategy.name)\" has no backtest yet; running one with the default settings…")
            do {
                _ = try await BacktestService(context: toolbox(context).context).run(BacktestQuery(strategy: strategy.definition))
            } catch {
                throw SlashError.toolFailed((error as? any LocalizedError)?.errorDescription ?? "\(error)")
            }
        }
        guard let backtest = try store.latestBacktest(strategyId: id, user: context.user) else {
            throw SlashError.toolFailed("The backtest of \"\(strategy.name)\" was not stored; run /backtest and try again.")
        }
        let ran = try HTMLReport.strategy(runBy: backtest, latest: strategy, store: store, user: context.user)
        let html = HTMLReport.render(strategy: ran, backtest: backtest, latestVersion: strategy.version,
                                     generatedAt: context.clock?.now() ?? Date())
        do {
            try Data(html.utf8).write(to: URL(fileURLWithPath: file), options: .atomic)
        } catch {
            throw StratchatError.unwritableFile(path: file, reason: error.localizedDescription)
        }
        context.console.line("Wrote \(file): \"\(strategy.name)\" \(ReportCommand.versionText(ran: ran, latest: strategy)), "
            + "backtest \(backtest.startDate) to \(backtest.endDate). It loads nothing from the network.")
        return .keepGoing
    }
}
