import Foundation
import Networking
import Store
import StrategyCore
import TestSupport
import Testing
@testable import Tools

/// Records the waits a sender asks for, so backoff is checked without waiting.
final class RecordedSleeps: @unchecked Sendable {
    private let lock = NSLock()
    private var waits: [TimeInterval] = []
    var all: [TimeInterval] { lock.withLock { waits } }
    var sleep: AlertSender.Sleep { { [self] seconds in lock.withLock { waits.append(seconds) } } }
}

@Suite("webhook alerts")
struct AlertTests {
    static let signal = StrategySignal(
        signalId: "sig-1", strategyId: "st-1", strategyVersion: 2, ticker: "AAPL", signalType: .entry,
        signalDate: Day(iso: "2010-05-28")!, generatedAt: Date(timeIntervalSince1970: 1_800_000_000), priceAtSignal: 256.88,
        confidenceScore: 0.72, reasoning: "RSI(14) 27.1 < 30", targetPrice: 282.57, stopPrice: 236.33)
    static let event = AlertEvent.signal(signal, strategyName: "Dip <Buyer> & co", user: "ann")

    static func sender(_ sleeps: RecordedSleeps) -> AlertSender {
        AlertSender(transport: URLSessionTransport(), baseDelay: 1, maxDelay: 30, sleep: sleeps.sleep)
    }

    static func json(_ data: Data) throws -> [String: JSONValue] {
        guard case .object(let object) = try JSONValue.parse(data) else { throw CocoaError(.coderReadCorrupt) }
        return object
    }

    @Test("a signal event names the ticker, side, prices and strategy, and its id is the signal's")
    func signalEvent() {
        #expect(Self.event.id == "signal:sig-1")
        #expect(Self.event.kind == .signal)
        #expect(Self.event.title == "Entry signal: AAPL (Dip <Buyer> & co)")
        #expect(Self.event.message.contains("entry AAPL at 256.88 (close of 2010-05-28), confidence 72%"))
        #expect(Self.event.message.contains("stop 236.33"))
        #expect(Self.event.message.contains("target 282.57"))
        #expect(Self.event.data["strategy_version"] == .number(2))
        #expect(AlertEvent.halt(account: "main", reason: "daily loss limit", day: Day(iso: "2010-05-28")!).id == "halt:main/2010-05-28")
        #expect(AlertEvent.fill(orderId: "o1", account: "main", ticker: "MSFT", side: "buy", shares: 40, price: 25.5,
                                day: Day(iso: "2010-06-01")!).title == "Fill: buy 40 MSFT (main)")
    }

    @Test("a day's signals of one strategy are one digest, highest confidence first, long lists cut with a count")
    func digest() throws {
        var many: [StrategySignal] = []
        for index in 0..<30 {
            var s = Self.signal
            s.signalId = "sig-\(index)"
            s.ticker = "T\(index)"
            s.confidenceScore = Double(index) / 100
            s.signalType = index == 0 ? .exit : .entry
            s.stopPrice = nil
            s.targetPrice = nil
            many.append(s)
        }
        let day = Day(iso: "2010-05-28")!
        let event = AlertEvent.signals(many, strategyName: "Dip", strategyId: "st-1", user: "ann", day: day)
        #expect(event.id == "signals:ann/st-1/2010-05-28")
        #expect(event.title == "Dip: 29 entries, 1 exit on 2010-05-28")
        let lines = event.message.split(separator: "\n").map(String.init)
        #expect(lines.first == "entry T29 at 256.88, confidence 29%")
        #expect(lines.count == AlertEvent.digestLimit + 2)
        #expect(lines[AlertEvent.digestLimit] == "… and 5 more (see /signals)")
        guard case .array(let listed)? = event.data["signals"] else { Issue.record("no list"); return }
        #expect(listed.count == 30)
        let one = AlertEvent.signals([Self.signal], strategyName: "Dip", strategyId: "st-1", user: "ann", day: day)
        #expect(one.title == "Dip: 1 entry on 2010-05-28")
        #expect(one.message.hasPrefix("entry AAPL at 256.88, confidence 72%, stop 236.33, target 282.57\n"))
    }

    @Test("generic JSON carries the event, id, title, text and data")
    func jsonFormat() throws {
        let payload = AlertPayload.render(Self.event, as: .json)
        let object = try Self.json(payload.body)
        #expect(payload.headers["Content-Type"] == "application/json")
        #expect(object["event"] == "signal")
        #expect(object["id"] == "signal:sig-1")
        #expect(object["title"] == .string(Self.event.title))
        #expect(object["text"] == .string(Self.event.message))
        guard case .object(let data)? = object["data"] else { Issue.record("no data object"); return }
        #expect(data["ticker"] == "AAPL")
        #expect(data["price_at_signal"] == .number(256.88))
        #expect(payload.body == AlertPayload.render(Self.event, as: .json).body, "the same event gives the same bytes")
    }

    @Test("Slack gets text with the title in bold and its markup characters escaped")
    func slackFormat() throws {
        let object = try Self.json(AlertPayload.render(Self.event, as: .slack).body)
        #expect(object.keys.sorted() == ["text"])
        guard case .string(let text)? = object["text"] else { Issue.record("no text"); return }
        #expect(text.hasPrefix("*Entry signal: AAPL (Dip &lt;Buyer&gt; &amp; co)*\n"))
        #expect(text.contains("RSI(14) 27.1 &lt; 30"))
    }

    @Test("Discord gets content within its 2,000 characters and no mentions")
    func discordFormat() throws {
        let object = try Self.json(AlertPayload.render(Self.event, as: .discord).body)
        #expect(object["content"] == .string("**\(Self.event.title)**\n\(Self.event.message)"))
        #expect(object["allowed_mentions"] == .object(["parse": .array([])]))
        var long = Self.event
        long.message = String(repeating: "x", count: 5000)
        guard case .string(let content)? = try Self.json(AlertPayload.render(long, as: .discord).body)["content"] else {
            Issue.record("no content"); return
        }
        #expect(content.count == AlertPayload.discordLimit)
    }

    @Test("ntfy gets the message as a plain body and the title in a header, encoded when not ASCII")
    func ntfyFormat() {
        let payload = AlertPayload.render(Self.event, as: .ntfy)
        #expect(String(decoding: payload.body, as: UTF8.self) == Self.event.message)
        #expect(payload.headers["Title"] == Self.event.title)
        #expect(payload.headers["Content-Type"] == "text/plain; charset=utf-8")
        var accented = Self.event
        accented.title = "Signal: Nestlé"
        #expect(AlertPayload.render(accented, as: .ntfy).headers["Title"]
                == "=?UTF-8?B?" + Data("Signal: Nestlé".utf8).base64EncodedString() + "?=")
    }

    @Test("each format's body crosses a real socket as rendered, with its content type", arguments: AlertFormat.allCases)
    func overTheWire(format: AlertFormat) async throws {
        let server = try LoopbackHTTPServer(routes: ["/hook": [.json("{}")]])
        let webhook = AlertWebhook(url: server.url("/hook"), format: format, timeout: 120, retries: 0)
        let outcome = await Self.sender(RecordedSleeps()).send(Self.event, to: webhook)
        #expect(outcome.delivered, "\(outcome.failure ?? "")")
        let request = try #require(server.requests.first)
        let expected = AlertPayload.render(Self.event, as: format)
        #expect(request.method == "POST")
        #expect(request.body == expected.body)
        #expect(request.header("Content-Type") == expected.headers["Content-Type"])
        if format == .ntfy { #expect(request.header("Title") == Self.event.title) }
    }

    @Test("a 5xx is retried with doubling backoff until the webhook accepts")
    func retriesServerErrors() async throws {
        let server = try LoopbackHTTPServer(routes: ["/hook": [.serverError(500), .serverError(503), .json("{}")]])
        let sleeps = RecordedSleeps()
        let outcome = await Self.sender(sleeps).send(Self.event, to: AlertWebhook(url: server.url("/hook"), format: .json,
                                                                                  timeout: 120, retries: 3))
        #expect(outcome.delivered)
        #expect(outcome.attempts == 3)
        #expect(server.requestCount == 3)
        #expect(sleeps.all == [1, 2])
    }

    @Test("a 429 waits as long as Retry-After asks, then sends")
    func honoursRetryAfter() async throws {
        let server = try LoopbackHTTPServer(routes: ["/hook": [.tooManyRequests(retryAfter: "7"), .json("{}")]])
        let sleeps = RecordedSleeps()
        let outcome = await Self.sender(sleeps).send(Self.event, to: AlertWebhook(url: server.url("/hook"), format: .slack,
                                                                                  timeout: 120, retries: 2))
        #expect(outcome.delivered)
        #expect(sleeps.all == [7])
    }

    @Test("a 4xx other than 429 is not retried: the message itself is wrong")
    func clientErrorNotRetried() async throws {
        let server = try LoopbackHTTPServer(routes: ["/hook": [.response(status: 400, headers: [:], body: Data("invalid_payload".utf8))]])
        let outcome = await Self.sender(RecordedSleeps()).send(Self.event, to: AlertWebhook(url: server.url("/hook"), format: .slack,
                                                                                            timeout: 120, retries: 3))
        #expect(!outcome.delivered)
        #expect(server.requestCount == 1)
        #expect(outcome.failure?.contains("HTTP 400") == true)
        #expect(outcome.failure?.contains("check its format (slack)") == true)
    }

    @Test("a webhook that never answers times out, is retried, and is reported when it stays silent")
    func timeout() async throws {
        let server = try LoopbackHTTPServer(routes: ["/hook": [.noAnswer]])
        let sleeps = RecordedSleeps()
        let outcome = await Self.sender(sleeps).send(Self.event, to: AlertWebhook(url: server.url("/hook"), format: .json,
                                                                                  timeout: 0.5, retries: 1))
        #expect(!outcome.delivered)
        #expect(outcome.attempts == 2)
        #expect(sleeps.all == [1])
        #expect(outcome.failure?.contains("no response within 0.5 s") == true, "\(outcome.failure ?? "")")
    }

    @Test("a rerun never sends an event a webhook accepted, and a failed one is sent on the next run")
    func rerunDoesNotRepeat() async throws {
        let server = try LoopbackHTTPServer(routes: ["/a": [.json("{}")], "/b": [.serverError(500)]])
        let store = try StratStore.inMemory()
        let hooks = [AlertWebhook(url: server.url("/a"), format: .slack, timeout: 120, retries: 0),
                     AlertWebhook(url: server.url("/b"), format: .json, timeout: 120, retries: 0)]
        let dispatcher = AlertDispatcher(webhooks: hooks, sender: Self.sender(RecordedSleeps()))
        var other = Self.signal
        other.signalId = "sig-2"
        other.ticker = "MSFT"
        let events = [Self.event, .signal(other, strategyName: "Dip", user: "ann")]

        let first = await dispatcher.dispatch(events, store: store)
        #expect(first.sent == 2)
        #expect(first.failures.count == 2)
        #expect(first.exitCode == 1)
        #expect(server.requestCount(path: "/a") == 2)

        server.setRoute("/b", [.json("{}")])
        let second = await dispatcher.dispatch(events, store: store)
        #expect(second.failures.isEmpty)
        #expect(second.alreadySent == 2, "/a had both already")
        #expect(second.sent == 2, "/b gets the two it missed")
        #expect(server.requestCount(path: "/a") == 2)

        let third = await dispatcher.dispatch(events, store: store)
        #expect(third.sent == 0)
        #expect(third.alreadySent == 4)
        #expect(server.requestCount == 6, "2 to /a, 2 failed and 2 sent to /b, nothing on the third run")
    }

    @Test("alerts waiting for a webhook removed from the configuration are dropped, said once, and never sent")
    func removedWebhookDropsItsOutbox() async throws {
        let server = try LoopbackHTTPServer(routes: ["/kept": [.json("{}")], "/gone": [.serverError(500)]])
        let store = try StratStore.inMemory()
        let kept = AlertWebhook(url: server.url("/kept"), format: .json, timeout: 120, retries: 0)
        let gone = AlertWebhook(url: server.url("/gone"), format: .slack, timeout: 120, retries: 0)
        var other = Self.signal
        other.signalId = "sig-2"
        let events = [Self.event, .signal(other, strategyName: "Dip", user: "ann")]
        let first = await AlertDispatcher(webhooks: [kept, gone], sender: Self.sender(RecordedSleeps())).dispatch(events, store: store)
        #expect(first.failures.count == 2)
        #expect(try store.queuedAlerts(webhookId: gone.id).count == 2)

        server.setRoute("/gone", [.json("{}")])
        let dispatcher = AlertDispatcher(webhooks: [kept], sender: Self.sender(RecordedSleeps()))
        let second = await dispatcher.dispatch([], store: store)
        #expect(second.failures.isEmpty)
        #expect(second.lines == ["alerts: 2 alerts waiting for a webhook no longer in config.toml dropped, not sent"])
        #expect(try store.queuedAlerts(webhookId: gone.id).isEmpty)
        #expect(server.requestCount(path: "/gone") == 2, "only the two failed sends of the first dispatch")

        let third = await dispatcher.dispatch(events, store: store)
        #expect(third.lines.allSatisfy { !$0.contains("dropped") }, "\(third.lines)")
        #expect(third.alreadySent == 2)
        #expect(server.requestCount(path: "/gone") == 2)
        // Without any webhook, what waits is dropped the same way.
        let gone2 = AlertWebhook(url: server.url("/kept"), format: .discord, timeout: 120, retries: 0)
        try store.queueAlerts(webhookId: gone2.id, [(id: Self.event.id, kind: "signal", json: try AlertDispatcher.stored(Self.event))])
        let none = await AlertDispatcher(webhooks: [], sender: Self.sender(RecordedSleeps())).dispatch([], store: store)
        #expect(none.lines == ["alerts: 1 alert waiting for a webhook no longer in config.toml dropped, not sent"])
        #expect(try store.queuedAlerts(webhookId: gone2.id).isEmpty)
    }

    @Test("an events filter keeps other kinds away from a webhook")
    func eventsFilter() async throws {
        let server = try LoopbackHTTPServer(routes: ["/hook": [.json("{}")]])
        let hook = AlertWebhook(url: server.url("/hook"), format: .json, events: [.halt], timeout: 120, retries: 0)
        let report = await AlertDispatcher(webhooks: [hook], sender: Self.sender(RecordedSleeps()))
            .dispatch([Self.event, .halt(account: "main", reason: "limit", day: Day(iso: "2010-05-28")!)], store: try StratStore.inMemory())
        #expect(report.sent == 1)
        #expect(server.requestCount == 1)
        #expect(try Self.json(server.requests[0].body)["event"] == "halt")
    }

    @Test("the webhook's secret token never shows in failures, test output or the database")
    func secretNeverShown() async throws {
        let token = "T0KENabcdef123456"
        let server = try LoopbackHTTPServer(routes: [
            "/services/\(token)": [.response(status: 404, headers: [:], body: Data("no hook /services/\(token) here".utf8))],
        ])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("alerts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("db.sqlite").path
        let store = try StratStore.open(at: path)
        let found = AlertWebhook(url: server.url("/services/\(token)?token=\(token)"), format: .slack, timeout: 120, retries: 0)
        // A port nobody listens on: the connection error text names the URL, and must be scrubbed.
        let closed = try LoopbackHTTPServer(routes: [:])
        let closedURL = closed.url("/services/\(token)")
        closed.stop()
        #expect(await eventually { (try? await URLSessionTransport().send(HTTPRequest(url: closed.url("/"), timeout: 5))) == nil })
        let refused = AlertWebhook(url: closedURL, format: .json, timeout: 5, retries: 0)
        let dispatcher = AlertDispatcher(webhooks: [found, refused], sender: Self.sender(RecordedSleeps()))

        let report = await dispatcher.dispatch([Self.event], store: store)
        let tested = await dispatcher.test(at: Date())
        #expect(report.failures.count == 2)
        #expect(tested.failures.count == 2)
        let text = (report.lines + tested.lines).joined(separator: "\n")
        #expect(text.contains("http://127.0.0.1:\(server.port)/********"))
        #expect(!text.contains(token), "\(text)")
        #expect(found.shownURL == "http://127.0.0.1:\(server.port)/********")

        server.setRoute("/services/\(token)", [.json("{}")])
        #expect(await AlertDispatcher(webhooks: [found], sender: Self.sender(RecordedSleeps())).dispatch([Self.event], store: store).sent == 1)
        let bytes = try FileManager.default.contentsOfDirectory(atPath: folder.path).reduce(into: Data()) { data, name in
            data.append((try? Data(contentsOf: folder.appendingPathComponent(name))) ?? Data())
        }
        #expect(try store.deliveredAlerts(webhookId: found.id, eventIds: [Self.event.id]) == [Self.event.id])
        #expect(bytes.range(of: Data(token.utf8)) == nil, "the token is in the database files")
        #expect(bytes.range(of: Data(found.id.utf8)) != nil, "the delivery is stored under the fingerprint")
    }
}
