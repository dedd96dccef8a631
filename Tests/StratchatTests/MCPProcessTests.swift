import Foundation
import Testing
import Tools

@Suite("stratchat mcp as a subprocess")
struct MCPProcessTests {
    @Test("initialize, tools/list, a backtest and shutdown over newline-delimited JSON-RPC, with nothing else on stdout")
    func session() async throws {
        let home = try StratchatProcess()
        defer { home.cleanUp() }
        let server = try MCPProcess(home: home)

        let initialized = try await server.request(1, "initialize", [
            "protocolVersion": "2025-06-18", "capabilities": [String: Any](),
            "clientInfo": ["name": "stratchat-tests", "version": "1"],
        ])
        let info = initialized["result"] as? [String: Any]
        #expect((info?["serverInfo"] as? [String: Any])?["name"] as? String == "stratchat")
        #expect((info?["capabilities"] as? [String: Any])?["tools"] != nil)
        try server.send(["jsonrpc": "2.0", "method": "notifications/initialized"])

        let listed = try await server.request(2, "tools/list", [:])
        let tools = ((listed["result"] as? [String: Any])?["tools"] as? [[String: Any]]) ?? []
        #expect(tools.compactMap { $0["name"] as? String } == StrategyToolbox.toolNames)

        let created = try await server.request(3, "tools/call", [
            "name": "create_trading_strategy",
            "arguments": ["strategy_description": "buy when rsi_14 is below 30, sell when rsi_14 is above 70", "strategy_name": "RSI dip"],
        ])
        let createdResult = created["result"] as? [String: Any]
        #expect(createdResult?["isError"] as? Bool == false)
        let id = try #require((createdResult?["structuredContent"] as? [String: Any])?["strategy_id"] as? String)

        let backtest = try await server.request(4, "tools/call", [
            "name": "backtest_strategy", "_meta": ["progressToken": "bt"],
            "arguments": ["strategy_id": id, "tickers": ["AAPL", "MSFT"], "start_date": "2009-06-01", "end_date": "2010-06-30"],
        ])
        let result = try #require(backtest["result"] as? [String: Any])
        #expect(result["isError"] as? Bool == false)
        let structured = try #require(result["structuredContent"] as? [String: Any])
        #expect(structured["backtest_id"] as? String != nil)
        #expect((structured["metrics"] as? [String: Any])?["total_return_pct"] is NSNumber)
        let content = (result["content"] as? [[String: Any]]) ?? []
        #expect(content.first?["type"] as? String == "text")

        let ending = try await server.closeAndWait()
        #expect(ending.status == 0, "stderr: \(ending.stderr)")
        #expect(ending.stderr.contains("stratchat mcp: serving tester's strategies"))
        // Every line on stdout is a JSON-RPC 2.0 message; progress notifications came before the backtest's answer.
        let lines = server.stdoutLines
        #expect(!lines.isEmpty)
        for line in lines {
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["jsonrpc"] as? String == "2.0", "not JSON-RPC on stdout: \(line.prefix(200))")
        }
        let progress = lines.filter { $0.contains("\"notifications/progress\"") }
        #expect(!progress.isEmpty)
        // The store was closed: the write-ahead log was folded into the database.
        #expect(!FileManager.default.fileExists(atPath: home.home.appendingPathComponent("stratchat.db-wal").path))
        #expect(FileManager.default.fileExists(atPath: home.home.appendingPathComponent("stratchat.db").path))
    }

    @Test("a call sent just before the client closes standard input is still answered before the server exits")
    func answersAfterStdinCloses() async throws {
        let home = try StratchatProcess()
        defer { home.cleanUp() }
        let server = try MCPProcess(home: home)
        _ = try await server.initialize()
        // The first call loads the data, so it is still running when standard input closes.
        try server.send(["jsonrpc": "2.0", "id": 7, "method": "tools/call", "params": [
            "name": "create_trading_strategy",
            "arguments": ["strategy_description": "buy when rsi_14 is below 30", "strategy_name": "Late call"],
        ] as [String: Any]])
        let ending = try await server.closeAndWait()
        #expect(ending.status == 0, "stderr: \(ending.stderr)")
        let answer = server.stdoutLines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            .first { ($0["id"] as? NSNumber)?.intValue == 7 }
        let result = try #require(answer?["result"] as? [String: Any], "no answer to the call: \(server.stdoutLines)")
        #expect(result["isError"] as? Bool == false)
        let listed = try home.run([], input: "/strategies\n")
        #expect(listed.stdout.contains("Late call"), "\(listed.stdout) \(listed.stderr)")
    }

    @Test("a scan run beside an MCP session's backtest: both finish, and the store stays whole")
    func scanBesideSession() async throws {
        let home = try StratchatProcess()
        defer { home.cleanUp() }
        let server = try MCPProcess(home: home)
        _ = try await server.initialize()
        let created = try await server.request(2, "tools/call", [
            "name": "create_trading_strategy",
            "arguments": ["strategy_description": "buy when rsi_14 is below 35, sell when rsi_14 is above 65", "strategy_name": "Side by side"],
        ])
        let id = try #require(((created["result"] as? [String: Any])?["structuredContent"] as? [String: Any])?["strategy_id"] as? String)
        // The backtest is sent first and the scan started while it may still run; neither waits for the other.
        try server.send(["jsonrpc": "2.0", "id": 3, "method": "tools/call", "params": [
            "name": "backtest_strategy", "arguments": ["strategy_id": id],
        ] as [String: Any]])
        let scan = Task.detached { try home.run(["scan", "--quiet"]) }
        let backtest = try await server.response(to: 3)
        let scanned = try await scan.value
        #expect(scanned.status == 0, "scan: \(scanned.stdout) \(scanned.stderr)")
        let result = try #require(backtest["result"] as? [String: Any])
        #expect(result["isError"] as? Bool == false, "\(result)")
        let signals = try await server.request(4, "tools/call", ["name": "get_strategy_signals", "arguments": ["strategy_id": id]])
        #expect((signals["result"] as? [String: Any])?["isError"] as? Bool == false)
        let ending = try await server.closeAndWait()
        #expect(ending.status == 0, "stderr: \(ending.stderr)")
        let check = try home.run(["data", "info"])
        #expect(check.status == 0, "\(check.stderr)")
        let listed = try home.run([], input: "/strategies\n")
        #expect(listed.stdout.contains("Side by side"))
    }
}

/// `stratchat mcp` started with pipes: requests are written as lines, and stdout is read line by line on a
/// thread of its own, so the test waits for answers, never for a time.
final class MCPProcess: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe(), output = Pipe(), errors = Pipe()
    private var lines: AsyncStream<String>.AsyncIterator
    private let lock = NSLock()
    private var seen: [String] = []
    private var errorText = Data()
    private let errorsDone = DispatchSemaphore(value: 0)

    init(home: StratchatProcess) throws {
        process.executableURL = try StratchatProcess.executable()
        process.arguments = ["mcp"]
        process.environment = ["STRATCHAT_HOME": home.home.path, "STRATCHAT_USER": home.user, "PATH": "/usr/bin:/bin",
                               "HOME": home.home.path]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        let (stream, continuation) = AsyncStream<String>.makeStream()
        lines = stream.makeAsyncIterator()
        try process.run()
        let reading = output.fileHandleForReading
        Thread.detachNewThread { [self] in
            var buffer = Data()
            while true {
                let chunk = reading.availableData
                if chunk.isEmpty { break }
                buffer.append(chunk)
                while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                    buffer.removeSubrange(buffer.startIndex...newline)
                    lock.withLock { seen.append(line) }
                    continuation.yield(line)
                }
            }
            if !buffer.isEmpty {
                let rest = String(decoding: buffer, as: UTF8.self)
                lock.withLock { seen.append(rest) }
            }
            continuation.finish()
        }
        let readingErrors = errors.fileHandleForReading
        Thread.detachNewThread { [self] in
            let data = readingErrors.readDataToEndOfFile()
            lock.withLock { errorText = data }
            errorsDone.signal()
        }
    }

    /// Every line written to stdout so far.
    var stdoutLines: [String] { lock.withLock { seen } }

    func send(_ message: [String: Any]) throws {
        var data = try JSONSerialization.data(withJSONObject: message)
        data.append(UInt8(ascii: "\n"))
        try input.fileHandleForWriting.write(contentsOf: data)
    }

    /// `initialize` and the `initialized` notification: the handshake every session starts with.
    func initialize() async throws -> [String: Any] {
        let answer = try await request(1, "initialize", [
            "protocolVersion": "2025-06-18", "capabilities": [String: Any](),
            "clientInfo": ["name": "stratchat-tests", "version": "1"],
        ])
        try send(["jsonrpc": "2.0", "method": "notifications/initialized"])
        return answer
    }

    /// Sends a request and returns its response, reading past notifications.
    func request(_ id: Int, _ method: String, _ params: [String: Any]) async throws -> [String: Any] {
        try send(["jsonrpc": "2.0", "id": id, "method": method, "params": params])
        return try await response(to: id, method: method)
    }

    /// Reads stdout until the response to request `id`, past notifications.
    func response(to id: Int, method: String = "the request") async throws -> [String: Any] {
        while let line = await lines.next() {
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { continue }
            if (object["id"] as? NSNumber)?.intValue == id, object["method"] == nil { return object }
        }
        throw MCPProcessError("stdout closed before the answer to \(method) (id \(id)); stderr: \(String(decoding: lock.withLock { errorText }, as: UTF8.self))")
    }

    /// Closes stdin (how a client shuts a stdio server down) and waits for the process to end.
    func closeAndWait() async throws -> (status: Int32, stderr: String) {
        try input.fileHandleForWriting.close()
        while await lines.next() != nil {}
        process.waitUntilExit()
        errorsDone.wait()
        return (process.terminationStatus, String(decoding: lock.withLock { errorText }, as: UTF8.self))
    }
}

struct MCPProcessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
