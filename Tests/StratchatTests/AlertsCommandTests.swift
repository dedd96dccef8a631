import Foundation
import TestSupport
import Testing

/// `stratchat alerts test` and the alerts a scan sends, through the built executable and a webhook on 127.0.0.1.
@Suite("alerts command and scan alerts")
struct AlertsCommandTests {
    static let token = "XOXBsecret4242abcd"
    static let strategy = "create a strategy: buy when the close is above the 50 day moving average, sell when it is below, 8% stop"

    static func writeConfig(_ stratchat: StratchatProcess, url: URL, format: String = "slack") throws {
        try """
            [[alerts.webhook]]
            url = "\(url.absoluteString)"
            format = "\(format)"
            retries = 0
            """.write(to: stratchat.home.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
    }

    @Test("alerts test sends one message per webhook and says what each answered, the url masked")
    func testCommand() throws {
        let server = try LoopbackHTTPServer(routes: ["/services/\(Self.token)": [.json("{}")]])
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        try Self.writeConfig(stratchat, url: server.url("/services/\(Self.token)"))
        let result = try stratchat.run(["alerts", "test"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("ok: http://127.0.0.1:\(server.port)/******** (slack) answered HTTP 200 after 1 attempt"))
        #expect(server.requestCount == 1)
        #expect(String(decoding: server.requests[0].body, as: UTF8.self).contains("stratchat test alert"))
        #expect(!(result.stdout + result.stderr).contains(Self.token))

        let config = try stratchat.run(["config"])
        #expect(config.stdout.contains("  http://127.0.0.1:\(server.port)/******** slack: signal, fill, halt; timeout 10 s, 0 retries"),
                "\(config.stdout)")
        #expect(!config.stdout.contains(Self.token))

        server.setRoute("/services/\(Self.token)", [.serverError(500)])
        let failed = try stratchat.run(["alerts", "test"])
        #expect(failed.status == 1)
        #expect(failed.stdout.contains("failed: http://127.0.0.1:\(server.port)/******** (slack) after 1 attempt: HTTP 500"))
        #expect(!(failed.stdout + failed.stderr).contains(Self.token))
    }

    @Test("alerts test without a webhook says how to add one, exit 2")
    func noWebhook() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let result = try stratchat.run(["alerts", "test"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no webhook is configured: add an [[alerts.webhook]] table"))
    }

    @Test("a failed alert fails the scan's exit code but keeps its results, and a rerun sends it once")
    func scanAlerts() throws {
        let server = try LoopbackHTTPServer(routes: ["/services/\(Self.token)": [.serverError(503)]])
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        #expect(try stratchat.run(["ask", Self.strategy]).status == 0)
        try Self.writeConfig(stratchat, url: server.url("/services/\(Self.token)"))

        let first = try stratchat.run(["scan"])
        #expect(first.status == 1, "a failed alert makes the exit 1")
        let line = try #require(first.stdout.split(separator: "\n").first.map(String.init))
        let stored = try #require(ScanCommandTests.number(before: " signals on", in: line))
        #expect(stored > 0, "\(line)")
        #expect(line.contains("(\(stored) new)"))
        #expect(first.stderr.contains("failed after 1 attempt: HTTP 503"), "\(first.stderr)")
        #expect(first.stderr.contains("the next scan sends it again"))
        #expect(server.requestCount == 1, "one digest for the one strategy")
        let digest = String(decoding: server.requests[0].body, as: UTF8.self)
        #expect(digest.contains("Above SMA(50): \(stored) entries on"), "\(digest)")
        #expect(!(first.stdout + first.stderr).contains(Self.token))

        server.setRoute("/services/\(Self.token)", [.json("{}")])
        let second = try stratchat.run(["scan"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("(0 new)"), "the signals were kept from the first scan")
        #expect(second.stdout.contains("alerts: 1 sent to http://127.0.0.1:\(server.port)/******** (slack)"), "\(second.stdout)")
        #expect(server.requestCount == 2)

        let third = try stratchat.run(["scan"])
        #expect(third.status == 0)
        #expect(server.requestCount == 2, "nothing is sent twice")
        #expect(!third.stdout.contains("alerts:"))
        for name in try FileManager.default.contentsOfDirectory(atPath: stratchat.home.path) where name.hasPrefix("stratchat.db") {
            let bytes = try Data(contentsOf: stratchat.home.appendingPathComponent(name))
            #expect(bytes.range(of: Data(Self.token.utf8)) == nil, "\(name) holds the webhook's token")
        }
    }

    @Test("an alert waiting for a webhook then removed from config.toml is dropped by the next scan, which says so once")
    func removedWebhook() throws {
        let server = try LoopbackHTTPServer(routes: ["/services/\(Self.token)": [.serverError(503)]])
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        #expect(try stratchat.run(["ask", Self.strategy]).status == 0)
        try Self.writeConfig(stratchat, url: server.url("/services/\(Self.token)"))
        #expect(try stratchat.run(["scan"]).status == 1, "the alert failed and waits in the outbox")
        #expect(server.requestCount == 1)

        try "".write(to: stratchat.home.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        let second = try stratchat.run(["scan"])
        #expect(second.status == 0, "\(second.stderr)")
        let said = second.stdout.components(separatedBy: "alerts: 1 alert waiting for a webhook no longer in config.toml dropped, not sent")
        #expect(said.count == 2, "said once: \(second.stdout)")
        let third = try stratchat.run(["scan"])
        #expect(third.status == 0, "\(third.stderr)")
        #expect(!third.stdout.contains("dropped"), "\(third.stdout)")
        #expect(server.requestCount == 1, "the dropped alert is never sent")
    }

    @Test("a bad webhook in config.toml stops the scan before it runs, naming the line")
    func badConfig() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        try Self.writeConfig(stratchat, url: URL(string: "https://hooks.example.com/\(Self.token)")!, format: "teams")
        let result = try stratchat.run(["scan"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("config.toml line 3: alerts.webhook.format must be one of json, slack, discord, ntfy"), "\(result.stderr)")
        #expect(!result.stderr.contains(Self.token))
    }
}
