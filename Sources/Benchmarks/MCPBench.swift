import Foundation
import MarketData
import MCP
import MCPServer
import Store
import Tools

/// Cold start of `stratchat mcp` to a ready server: the time until a client's `initialize` is answered.
enum MCPBench {
    static let goalMs = 100.0

    /// In a fresh process: open a new store, build and start the server, and have the SDK's client initialize
    /// and list the tools over an in-memory transport. Milliseconds.
    static func inProcess() async throws -> Double {
        let start = ContinuousClock.now
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("stratchat-mcp-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
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
        let (tools, _) = try await client.listTools()
        let elapsed = start.duration(to: .now)
        guard tools.count == catalog.tools.count else { throw BenchFailure("tools/list gave \(tools.count) tools") }
        await client.disconnect()
        await server.stop()
        try store.close()
        return milliseconds(elapsed)
    }

    /// The built binary: start `stratchat mcp` on a fresh home and time until its answer to `initialize`
    /// arrives on stdout. Milliseconds.
    static func binary(_ executable: URL) throws -> Double {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("stratchat-mcp-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let process = Process()
        process.executableURL = executable
        process.arguments = ["mcp"]
        process.environment = ["STRATCHAT_HOME": home.path, "STRATCHAT_USER": "bench", "PATH": "/usr/bin:/bin", "HOME": home.path]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let request = #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}"#
        let start = ContinuousClock.now
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
        return milliseconds(elapsed)
    }

    /// The figures as printed by `make bench`: each measure five times, best and median.
    static func lines(bench: URL) async -> [String] {
        var lines: [String] = []
        // The in-process figure from fresh processes, so every run is a cold one.
        var inProcess: [Double] = []
        for _ in 0..<5 {
            let child = Process()
            child.executableURL = bench
            child.arguments = ["--mcp-start-once"]
            let pipe = Pipe()
            child.standardOutput = pipe
            guard (try? child.run()) != nil else { break }
            let out = pipe.fileHandleForReading.readDataToEndOfFile()
            child.waitUntilExit()
            if let value = Double(String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) {
                inProcess.append(value)
            }
        }
        lines.append(line("MCP server ready in a fresh process (store opened, initialize + tools/list answered)", inProcess))
        let binary = bench.deletingLastPathComponent().appendingPathComponent("stratchat")
        if FileManager.default.isExecutableFile(atPath: binary.path) {
            let runs = (0..<5).compactMap { _ in try? Self.binary(binary) }
            lines.append(line("`stratchat mcp` cold start to its initialize answer (\(binary.path))", runs))
        } else {
            lines.append("`stratchat mcp` cold start: not measured (no \(binary.path); `make build` first)")
        }
        return lines
    }

    static func line(_ what: String, _ runs: [Double]) -> String {
        guard !runs.isEmpty else { return "\(what): failed" }
        let sorted = runs.sorted()
        let best = sorted[0], median = sorted[sorted.count / 2]
        return String(format: "%@: best %.1f ms, median %.1f ms of %d (goal under %.0f ms: %@)", what, best, median, runs.count,
                      goalMs, median < goalMs ? "met" : "NOT met")
    }

    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1e3 + Double(duration.components.attoseconds) / 1e15
    }

    struct BenchFailure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
