import ArgumentParser
import Foundation
import Store

/// `stratchat data backup FILE`: a consistent copy of the database, safe to take while another stratchat
/// runs (SQLite's online backup), for the recovery advice to point to.
struct DataBackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the database (strategies, backtests, signals, trades, imported data) to a new file.",
        discussion: """
            Uses SQLite's online backup, so the copy is consistent even while a chat or a scan writes. The \
            copy is one file, readable by you only; restore it by moving it to stratchat.db in the home folder \
            (with no stratchat running, and stratchat.db-wal and stratchat.db-shm moved aside with the old file).
            Exit codes: 0 copied; 2 no database, or the file exists or cannot be written.
            """
    )

    @Argument(help: ArgumentHelp("Where to write the copy; must not exist yet.", valueName: "file"))
    var file: String

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        let environment = HostEnvironment.current()
        let launch = options.launch(environment: environment)
        let console = StandardConsole()
        let database = launch.paths.database.path
        guard FileManager.default.fileExists(atPath: database) else {
            console.writeError("error: there is no database at \(database) to back up — check --home or STRATCHAT_HOME")
            throw ExitCode(2)
        }
        let destination = URL(fileURLWithPath: file).standardizedFileURL.path
        do {
            let store = try StratStore.open(at: database)
            defer { try? store.close() }
            store.notices.forEach { console.writeError("note: " + $0) }
            try store.backup(to: destination)
            console.line("Backed up \(database) to \(destination).")
        } catch {
            throw ExitCode(DataCommandFailure.report(error, console: console))
        }
    }
}
