import Tools
import Foundation
import AgentLoop
import Store

/// What a slash command or a chat turn may use: who is talking, where the files are, how to write,
/// and the store, opened on first use so `--help` and `validate` never touch the database.
@MainActor
final class ChatContext {
    let user: String
    let paths: AppPaths
    let console: any Console
    let style: OutputStyle
    /// The commands of this session, so `/help` can list them.
    let commands: SlashCommandRegistry

    init(user: String, paths: AppPaths, console: any Console, style: OutputStyle, commands: SlashCommandRegistry) {
        self.user = user
        self.paths = paths
        self.console = console
        self.style = style
        self.commands = commands
    }

    private var openedStore: StratStore?
    /// The chat with the agent, when this session has one (slash commands work without it).
    var session: ChatSession?
    /// The clock and id generator the store uses, so a session's transcript can be replayed with the same
    /// ids; set before the store is first opened.
    var clock: SessionClock?
    var ids: SeededIds?
    /// The strategy created or named last in this session, for slash commands given no id (`/backtest`).
    var lastStrategyId: String?

    /// The store, opened on first use and kept for the session. A file that cannot be opened (corrupt,
    /// unwritable, from a newer stratchat) is `StratchatError.storeUnavailable` with the store's message.
    func store() throws(StratchatError) -> StratStore {
        if let openedStore { return openedStore }
        do {
            let clock = self.clock, ids = self.ids
            let store = try StratStore.open(
                at: paths.database.path, now: { clock?.now() ?? Date() }, makeId: { ids?.next() ?? StratStore.randomId() })
            openedStore = store
            store.notices.forEach { console.writeError("note: " + $0) }
            return store
        } catch {
            throw .storeUnavailable(path: paths.database.path, message: error.localizedDescription)
        }
    }

    /// Renders a table in this session's style, as wide as the terminal is now (the window may have been
    /// resized since the session began); unlimited when writing to a pipe.
    func render(_ table: TextTable) -> String {
        let width = currentStyle.width
        return table.render(borders: style.ascii ? .ascii : .unicode, maxWidth: width)
    }

    /// Writes text meant to be read at the terminal, its prose lines fitted to the width (see
    /// `StreamingWrapper.fit`) as the terminal is now; into a pipe it goes out as it is.
    func show(_ text: String) {
        console.line(currentStyle.width.map { StreamingWrapper.fit(text, width: $0) } ?? text)
    }

    /// The output style with the terminal's width as it is now (it may have been resized since the
    /// session began).
    var currentStyle: OutputStyle {
        var now = style
        now.width = style.width.map { OutputStyle.terminalWidth() ?? $0 }
        return now
    }
}
