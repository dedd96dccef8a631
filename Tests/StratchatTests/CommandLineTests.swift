import Foundation
import Testing

/// `--version`, `--help` and usage errors of the executable.
@Suite("The command line")
struct CommandLineTests {
    @Test("--version prints the name and version")
    func version() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let result = try stratchat.run(["--version"])
        #expect(result.stdout == "stratchat 0.1.0\n")
        #expect(result.status == 0)
    }

    @Test("--help lists the subcommands and examples and never touches the database")
    func help() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let result = try stratchat.run(["--help"])
        #expect(result.status == 0)
        for expected in ["SUBCOMMANDS:", "validate", "Examples:", "--user", "--home", "--no-color", "--ascii"] {
            #expect(result.stdout.contains(expected), "missing \(expected)")
        }
        let database = stratchat.home.appendingPathComponent("stratchat.db")
        #expect(!FileManager.default.fileExists(atPath: database.path))
    }

    @Test("an unknown option is a usage error with the argument parser's code 64")
    func usageError() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let result = try stratchat.run(["--colour"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--colour"))
    }
}
