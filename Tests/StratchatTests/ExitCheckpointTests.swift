import Foundation
import Testing

/// Every way the program ends leaves `stratchat.db` whole, with no `-wal` or `-shm` beside it.
@Suite("Exits checkpoint the database")
struct ExitCheckpointTests {
    func leftovers(_ home: URL) -> [String] {
        ["stratchat.db-wal", "stratchat.db-shm"].filter {
            FileManager.default.fileExists(atPath: home.appendingPathComponent($0).path)
        }
    }

    @Test("the end of piped input, /quit and ask leave no -wal or -shm", arguments: [
        (["--no-color"], "/new buy when rsi_14 is below 30\n"),
        (["--no-color"], "/new buy when rsi_14 is below 30\n/quit\n"),
        (["ask", "create a strategy that buys when rsi_14 is below 30"], ""),
    ])
    func normalExits(arguments: [String], input: String) throws {
        let process = try StratchatProcess()
        defer { process.cleanUp() }
        let result = try process.run(arguments, input: input)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: process.home.appendingPathComponent("stratchat.db").path))
        #expect(leftovers(process.home).isEmpty)
    }

    @Test("SIGTERM during a piped chat closes the store and exits 143")
    func terminated() throws {
        let home = try StratchatProcess().home
        defer { try? FileManager.default.removeItem(at: home) }
        let process = Process()
        process.executableURL = try StratchatProcess.executable()
        process.environment = ["STRATCHAT_HOME": home.path, "STRATCHAT_USER": "t", "HOME": home.path, "PATH": "/usr/bin:/bin"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data("/new buy when rsi_14 is below 30\n".utf8))
        // Ready once the strategy is reported stored; the input stays open, so only the signal ends it.
        var seen = ""
        while !seen.contains("Created") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += String(decoding: chunk, as: UTF8.self)
        }
        #expect(seen.contains("Created"))
        #expect(FileManager.default.fileExists(atPath: home.appendingPathComponent("stratchat.db-wal").path))
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationStatus == 143)
        #expect(leftovers(home).isEmpty)
    }

    @Test("data backup writes a copy that opens on its own; an existing file is refused")
    func backup() throws {
        let process = try StratchatProcess()
        defer { process.cleanUp() }
        _ = try process.run(["--no-color"], input: "/new buy when rsi_14 is below 30\n")
        let target = process.home.appendingPathComponent("copy.db").path
        let first = try process.run(["data", "backup", target])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Backed up"))
        let second = try process.run(["data", "backup", target])
        #expect(second.status == 2)
        #expect(second.stderr.contains("already there"))
        // The copy is a full database: the chat run against it lists the strategy.
        let copyHome = process.home.appendingPathComponent("restored")
        try FileManager.default.createDirectory(at: copyHome, withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: target, toPath: copyHome.appendingPathComponent("stratchat.db").path)
        let listed = try process.run(["--home", copyHome.path, "--no-color"], input: "/strategies\n")
        #expect(listed.stdout.contains("RSI"), "\(listed.stdout)")
    }
}
