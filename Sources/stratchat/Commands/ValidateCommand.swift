import ArgumentParser
import Foundation
import StrategyCore

/// `stratchat validate FILE.json`: checks a strategy file and prints every problem with its fix.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a strategy file and list every problem with its fix.",
        discussion: """
            Prints each problem as `path: message — fix`, then the values filled in from the timeframe's \
            defaults. Exit code 0 when the file is valid, 1 when it has problems, 2 when it cannot be read.
            """
    )

    @Argument(help: ArgumentHelp("The strategy file to check.", valueName: "file.json"))
    var file: String

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let console = StandardConsole()
        let data: Data
        do {
            data = try Self.read(file)
        } catch {
            console.writeError("error: " + error.localizedDescription)
            throw ExitCode(2)
        }
        let loaded = StrategyDocument.load(data)
        console.write(Self.report(loaded, file: file))
        if !loaded.isValid { throw ExitCode(1) }
    }

    /// The file's bytes; a missing file, a folder or an unreadable file is `StratchatError.unreadableFile`.
    static func read(_ path: String) throws(StratchatError) -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unreadableFile(path: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw .unreadableFile(path: path, reason: "it is a folder") }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadableFile(path: path, reason: "permission denied or unreadable")
        }
    }

    /// What `validate` prints: a verdict line, each problem, then the filled-in defaults.
    static func report(_ loaded: LoadedStrategy, file: String) -> String {
        var lines: [String] = []
        if loaded.isValid, let strategy = loaded.strategy {
            lines.append("\(file): valid — \"\(strategy.name)\" (\(strategy.timeframe.rawValue))")
        } else {
            let count = loaded.problems.count
            lines.append("\(file): \(count) problem\(count == 1 ? "" : "s")")
            lines += loaded.problems.map { "  \($0.description)" }
        }
        if !loaded.filledDefaults.isEmpty {
            lines.append("Filled in from defaults:")
            lines += loaded.filledDefaults.map { "  \($0)" }
        }
        return lines.map { $0 + "\n" }.joined()
    }
}
