import Foundation
import Testing
import TestSupport

/// `stratchat paper link|mode|orders|approve`, `/paper link`, `/orders` and `/approve`, through the built executable,
/// against a stand-in of Alpaca's paper API on 127.0.0.1.
@Suite("paper accounts linked to Alpaca on the command line")
struct PaperBrokerCommandTests {
    static let keyId = "PKCLIKEY31415"
    static let secret = "cliSecret2718281828"

    @Test("linking needs the keys, refuses the live API without the explicit setting, and stores neither key")
    func linkNeedsKeys() throws {
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        #expect(try stratchat.run(["paper", "open", "main", "--capital", "50000"]).status == 0)
        let bare = try stratchat.run(["paper", "link", "main"])
        #expect(bare.status == 2)
        #expect(bare.stderr.contains("ALPACA_API_KEY_ID"), "\(bare.stderr)")
        let live = try stratchat.run(["paper", "link", "main"], extraEnvironment: [
            "ALPACA_API_KEY_ID": Self.keyId, "ALPACA_API_SECRET_KEY": Self.secret, "ALPACA_BASE_URL": "https://api.alpaca.markets"])
        #expect(live.status == 2)
        #expect(live.stderr.contains("STRATCHAT_ALPACA_ALLOW_LIVE=1"), "\(live.stderr)")
        let badMode = try stratchat.run(["paper", "link", "main", "--mode", "sometimes"])
        #expect(badMode.status == 64)
        #expect(badMode.stderr.contains("'auto' and 'approve'"), "\(badMode.stderr)")
        let badModeArgument = try stratchat.run(["paper", "mode", "main", "sometimes"])
        #expect(badModeArgument.status == 64)
        #expect(badModeArgument.stderr.contains("'auto' and 'approve'"), "\(badModeArgument.stderr)")
        let orders = try stratchat.run(["paper", "orders", "main"])
        #expect(orders.status == 0)
        #expect(orders.stdout.contains("No Alpaca orders yet"))
        let mode = try stratchat.run(["paper", "mode", "main", "approve"])
        #expect(mode.status == 2)
        #expect(mode.stderr.contains("not linked to Alpaca"), "\(mode.stderr)")
    }

    @Test("while one account is linked another cannot be, on the command line or in the chat; the one line names the fix")
    func oneLinkedAccount() throws {
        let standIn = try AlpacaStandIn(keyId: Self.keyId, secretKey: Self.secret)
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let environment = ["ALPACA_API_KEY_ID": Self.keyId, "ALPACA_API_SECRET_KEY": Self.secret,
                           "ALPACA_BASE_URL": standIn.baseURL.absoluteString]
        #expect(try stratchat.run(["paper", "open", "main", "--capital", "50000"]).status == 0)
        #expect(try stratchat.run(["paper", "open", "second", "--capital", "50000"]).status == 0)
        let first = try stratchat.run(["paper", "link", "main"], extraEnvironment: environment)
        #expect(first.status == 0, "\(first.stderr)")

        let cli = try stratchat.run(["paper", "link", "second", "--mode", "approve"], extraEnvironment: environment)
        #expect(cli.status == 2)
        let lines = cli.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].contains("\"main\" is linked already") && lines[0].contains("paper unlink main"), "\(cli.stderr)")
        let chat = try stratchat.run([], input: "/paper link second\n", extraEnvironment: environment)
        #expect(chat.status == 1, "a piped chat whose line failed ends with 1")
        #expect(chat.stderr.contains("\"main\" is linked already") && chat.stderr.contains("/paper unlink main"), "\(chat.stderr)")
        #expect(!(chat.stdout + chat.stderr).contains("Linked paper account \"second\""))
        #expect(standIn.server.requests.filter { $0.path == "/v2/account" }.count == 1, "only the first link asked Alpaca")

        #expect(try stratchat.run(["paper", "unlink", "main"]).status == 0)
        let second = try stratchat.run(["paper", "link", "second", "--mode", "APPROVE"], extraEnvironment: environment)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("Linked paper account \"second\"") && second.stdout.contains("in approve mode"), "\(second.stdout)")
    }

    @Test("a linked account in approve mode: the chat links and lists, the scan sends nothing stale, and no key is kept anywhere")
    func linkedAccountKeepsNoKeys() throws {
        let standIn = try AlpacaStandIn(keyId: Self.keyId, secretKey: Self.secret)
        let stratchat = try StratchatProcess()
        defer { stratchat.cleanUp() }
        let environment = ["ALPACA_API_KEY_ID": Self.keyId, "ALPACA_API_SECRET_KEY": Self.secret,
                           "ALPACA_BASE_URL": standIn.baseURL.absoluteString]
        #expect(try stratchat.run(["ask", ScanCommandTests.strategy]).status == 0)
        #expect(try stratchat.run(["paper", "open", "main", "--capital", "100000"]).status == 0)
        #expect(try stratchat.run(["paper", "add", "main", "RSI Oversold"]).status == 0)
        let record = stratchat.home.appendingPathComponent("session.jsonl")
        let chat = try stratchat.run(["--record", record.path], input: "/paper link main approve\n/orders\n/approve all\n",
                                     extraEnvironment: environment)
        #expect(chat.status == 0, "\(chat.stderr)")
        #expect(chat.stdout.contains("Linked paper account \"main\" to Alpaca paper"), "\(chat.stdout)")
        #expect(chat.stdout.contains("approve mode"))
        #expect(chat.stdout.contains("No Alpaca orders yet"))
        #expect(chat.stdout.contains("No order waits for approval."))
        #expect(standIn.server.requests.contains { $0.path == "/v2/account" }, "the keys were checked with Alpaca")

        // The embedded sample ends in 2010: its orders' open passed long ago, so the scan says so and sends nothing.
        let scan = try stratchat.run(["scan", "--from", "2010-03-01", "--to", "2010-05-28"], extraEnvironment: environment)
        #expect(scan.status == 0, "\(scan.stderr)")
        #expect(scan.stdout.contains("not sent to Alpaca"), "\(scan.stdout)")
        #expect(!standIn.server.requests.contains { $0.method == "POST" })
        let unknown = try stratchat.run(["paper", "approve", "main", "7"], extraEnvironment: environment)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("No order 7 waits for approval"), "\(unknown.stderr)")
        let auto = try stratchat.run(["paper", "mode", "main", "auto"])
        #expect(auto.status == 0, "\(auto.stderr)")

        var everything = [chat, scan, unknown, auto].map { $0.stdout + $0.stderr }.joined()
        let files = FileManager.default.enumerator(at: stratchat.home, includingPropertiesForKeys: nil)
        var read = 0
        while let url = files?.nextObject() as? URL {
            guard let data = try? Data(contentsOf: url) else { continue }
            everything += String(decoding: data, as: UTF8.self)
            read += 1
        }
        #expect(read >= 2, "the database and the recorded session were read")
        for key in [Self.keyId, Self.secret] {
            #expect(!everything.contains(key), "a key appears in output, the database or the transcript")
        }
    }
}
