import Foundation
import MarketData
import MCP
import MCPServer
import Store
import Tools

/// Cold start of `stratchat mcp` to a ready server: the time until a client's `initialize` is answered.
enum MCPBench {
    static let goalMs = 100.0

    /// One run: wall time, and the CPU time spent (on a shared machine wall time includes waiting for a core).
    struct Run {
        var wallMs: Double
        var cpuMs: Double
    }

    /// In a fresh process: open a new store, build and start the server (its tools registered), and time until
    /// the SDK's client has its answer to `initialize` over an in-memory transport; then check that the tools
    /// are listed.
    /// - Parameter existingHome: a home whose database is already made (a typical start); nil makes a new one
    ///   (the first start ever, which creates the tables).
    static func inProcess(existingHome: URL? = nil) async throws -> Run {
        let start = ContinuousClock.now, cpuStart = cpuMilliseconds(RUSAGE_SELF)
        let home = existingHome ?? FileManager.default.temporaryDirectory.appendingPathComponent("stratchat-mcp-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { if existingHome == nil { try? FileManager.default.removeItem(at: home) } }
        let store = try StratStore.open(at: home.appendingPathComponent("stratchat.db").path)
        let catalog = StrategyToolCatalog {
            ToolContext(store: store, userId: "bench", marketData: try MarketData.offline(storage: store),
                        interpreter: TextParserStrategyInterpreter())
        }
        let server = await StratchatMCPServer.make(
            catalog: catalog, resources: StrategyResources(store: store, user: "bench"), version: "bench")
        let (clientSide, serverSide) = await InMemoryTransport.createConnectedPair()
        try await server.start(transport: serverSide)
        let client = Client(name: "bench", version: "1")
        _ = try await client.connect(transport: clientSide)
        let elapsed = start.duration(to: .now), cpu = cpuMilliseconds(RUSAGE_SELF) - cpuStart
        // Checked outside the timed part: the SDK's client decoding the list tests every schema string for a
        // data URL, a cost of the client's process, not of the server's start.
        let (tools, _) = try await client.listTools()
        guard tools.count == catalog.tools.count else { throw BenchFailure("tools/list gave \(tools.count) tools") }
        await client.disconnect()
        await server.stop()
        try store.close()
        return Run(wallMs: milliseconds(elapsed), cpuMs: cpu)
    }

    /// The built binary: start `stratchat mcp` on a fresh home and time until its answer to `initialize`
    /// arrives on stdout. The CPU time is the whole process's, from start to exit after stdin closes.
    static func binary(_ executable: URL, home: URL) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = ["mcp"]
        process.environment = ["STRATCHAT_HOME": home.path, "STRATCHAT_USER": "bench", "PATH": "/usr/bin:/bin", "HOME": home.path]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let request = #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}"#
        let start = ContinuousClock.now, cpuStart = cpuMilliseconds(RUSAGE_CHILDREN)
        try process.run()
        try input.fileHandleForWriting.write(contentsOf: Data((request + "\n").utf8))
        var answer = Data()
        while !answer.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            answer.append(chunk)
        }
        let elapsed = start.duration(to: .now)
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        guard String(decoding: answer, as: UTF8.self).contains("\"serverInfo\"") else {
            throw BenchFailure("no answer to initialize (exit \(process.terminationStatus))")
        }
        return Run(wallMs: milliseconds(elapsed), cpuMs: cpuMilliseconds(RUSAGE_CHILDREN) - cpuStart)
    }

    /// The figures as printed by `make bench`: each measure five times, in fresh processes so every run is a
    /// cold one; a first start (new database) and a typical one (the database exists).
    static func lines(bench: URL) async -> [String] {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("stratchat-mcp-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        var lines: [String] = []
        lines.append(line("MCP server ready, new database (fresh process: store made, tools registered, initialize answered)",
                          (0..<5).compactMap { _ in inChild(bench, home: nil) }))
        _ = inChild(bench, home: home)
        lines.append(line("MCP server ready, existing database (fresh process: store opened, tools registered, initialize answered)",
                          (0..<5).compactMap { _ in inChild(bench, home: home) }))
        let binary = bench.deletingLastPathComponent().appendingPathComponent("stratchat")
        if FileManager.default.isExecutableFile(atPath: binary.path) {
            let runs = (0..<5).compactMap { _ in try? Self.binary(binary, home: home) }
            lines.append(line("`stratchat mcp` process start to its initialize answer, existing database", runs))
        } else {
            lines.append("`stratchat mcp` process start: not measured (no \(binary.path); `make build` first)")
        }
        return lines
    }

    /// One in-process measure in a child process of the bench.
    static func inChild(_ bench: URL, home: URL?) -> Run? {
        let child = Process()
        child.executableURL = bench
        child.arguments = ["--mcp-start-once"] + (home.map { [$0.path] } ?? [])
        let pipe = Pipe()
        child.standardOutput = pipe
        guard (try? child.run()) != nil else { return nil }
        let out = pipe.fileHandleForReading.readDataToEndOfFile()
        child.waitUntilExit()
        let fields = String(decoding: out, as: UTF8.self).split(whereSeparator: \.isWhitespace).compactMap { Double($0) }
        return fields.count == 2 ? Run(wallMs: fields[0], cpuMs: fields[1]) : nil
    }

    static func line(_ what: String, _ runs: [Run]) -> String {
        guard !runs.isEmpty else { return "\(what): failed" }
        let wall = runs.map(\.wallMs).sorted(), cpu = runs.map(\.cpuMs).sorted()
        return String(format: "%@: wall best %.1f ms, median %.1f ms; CPU median %.1f ms; %d runs (goal under %.0f ms: %@)",
                      what, wall[0], wall[wall.count / 2], cpu[cpu.count / 2], runs.count, goalMs,
                      wall[wall.count / 2] < goalMs ? "met" : "NOT met by the median wall time")
    }

    /// User and system CPU time of this process (`RUSAGE_SELF`) or of its ended children (`RUSAGE_CHILDREN`).
    static func cpuMilliseconds(_ who: __rusage_who) -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(who.rawValue), &usage)
        let seconds = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        return seconds * 1e3 + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3
    }

    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1e3 + Double(duration.components.attoseconds) / 1e15
    }

    struct BenchFailure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
