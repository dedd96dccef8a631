import Foundation

/// Runs the built `stratchat` executable the way a script would: arguments, an environment, text on
/// standard input (a pipe, so the REPL reads plainly), and captures both output streams and the exit code.
struct StratchatProcess {
    struct Result {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    /// A fresh, empty home folder and a fixed user, so no test sees the real `~/.local/share/stratchat`.
    /// It is owner-only, as stratchat makes its home, so no run reports tightening it.
    let home: URL
    var user = "tester"

    init() throws {
        home = FileManager.default.temporaryDirectory
            .appendingPathComponent("stratchat-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
    }

    /// Removes the home folder.
    func cleanUp() {
        try? FileManager.default.removeItem(at: home)
    }

    func run(_ arguments: [String] = [], input: String = "", extraEnvironment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = try Self.executable()
        process.arguments = arguments
        var environment = ["STRATCHAT_HOME": home.path, "STRATCHAT_USER": user, "PATH": "/usr/bin:/bin",
                           "HOME": home.path]
        environment.merge(extraEnvironment) { _, new in new }
        process.environment = environment
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(stdout: String(decoding: output, as: UTF8.self), stderr: String(decoding: errors, as: UTF8.self),
                      status: process.terminationStatus)
    }

    /// The executable next to the test bundle (SwiftPM builds it first because the test target depends on
    /// it), else the package's debug build.
    static func executable() throws -> URL {
        var candidates: [URL] = []
        if let testBinary = Bundle.main.executableURL {
            candidates.append(testBinary.deletingLastPathComponent().appendingPathComponent("stratchat"))
        }
        let argumentZero = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        candidates.append(argumentZero.appendingPathComponent("stratchat"))
        candidates.append(argumentZero.deletingLastPathComponent().appendingPathComponent("stratchat"))
        candidates.append(packageRoot.appendingPathComponent(".build/debug/stratchat"))
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw MissingExecutable(searched: candidates.map(\.path))
        }
        return found
    }

    /// The package's root folder, found from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct MissingExecutable: Error, CustomStringConvertible {
        let searched: [String]
        var description: String { "stratchat executable not found (run `swift build` first); looked in \(searched)" }
    }
}
