import Foundation
import Testing
import Tools
@testable import stratchat

@Suite("[[alerts.webhook]] tables in the config file")
struct ConfigWebhookTests {
    static let token = "B07SECRETxyz987"

    @Test("webhooks are read with their format, events, timeout and retries; defaults fill the rest")
    func reads() throws {
        let text = """
            capital = 50000

            [[alerts.webhook]]
            url = "https://hooks.slack.com/services/T000/\(Self.token)"
            format = "slack"
            events = ["signal", "halt"]
            timeout = 5
            retries = 1

            [[alerts.webhook]]
            url = "https://ntfy.sh/my-topic"
            """
        let document = try ConfigFileReader.parseDocument(text, file: "c.toml")
        #expect(document.entries == [ConfigEntry(key: "capital", value: .integer(50000), line: 1)])
        #expect(document.webhooks == [
            AlertWebhook(url: URL(string: "https://hooks.slack.com/services/T000/\(Self.token)")!, format: .slack,
                         events: [.signal, .halt], timeout: 5, retries: 1),
            AlertWebhook(url: URL(string: "https://ntfy.sh/my-topic")!, format: .json),
        ])
        #expect(document.webhooks[0].shownURL == "https://hooks.slack.com/********")
    }

    @Test("a bad webhook names the file, its line and the fix, and never quotes the url", arguments: [
        ("[[alerts.webhook]]\nurl = \"ftp://x/\(token)\"", "c.toml line 2: alerts.webhook.url must be an http:// or https:// address"),
        ("[[alerts.webhook]]\nurl = \"https://x/\(token)\"\nformat = \"teams\"", "c.toml line 3: alerts.webhook.format must be one of json, slack, discord, ntfy"),
        ("[[alerts.webhook]]\nurl = \"https://x/\(token)\"\nevents = [\"signals\"]", "c.toml line 3: alerts.webhook.events must be a list of signal, fill, halt"),
        ("[[alerts.webhook]]\nurl = \"https://x/\(token)\"\nretries = 50", "c.toml line 3: alerts.webhook.retries must be a whole number from 0 to 10"),
        ("[[alerts.webhook]]\nurl = \"https://x/\(token)\"\n\n[[alerts.webhook]]\nformat = \"slack\"", "c.toml line 4: a [[alerts.webhook]] has no url"),
        ("[[alerts.webhook]]\nurl = \"https://x/\(token)\"\nformt = \"slack\"", "c.toml line 3: unknown key \"formt\" in [[alerts.webhook]] — did you mean \"format\"?"),
        ("[[alerts.hook]]\nurl = \"https://x/\(token)\"", "c.toml line 1: arrays of tables ([[…]]) are only read as [[alerts.webhook]]"),
    ])
    func badWebhook(text: String, message: String) {
        do {
            _ = try ConfigFileReader.parseDocument(text, file: "c.toml")
            Issue.record("accepted: \(text)")
        } catch {
            let shown = error.localizedDescription
            #expect(shown.hasPrefix(message), "\(shown)")
            #expect(!shown.contains(Self.token))
        }
    }

    @Test("a TOML error on a webhook's line does not quote it")
    func syntaxErrorHidesURL() {
        do {
            _ = try ConfigFileReader.parseDocument("[[alerts.webhook]]\nurl = https://x/\(Self.token)", file: "c.toml")
            Issue.record("accepted")
        } catch {
            #expect(error.localizedDescription.hasPrefix("c.toml line 2:"), "\(error.localizedDescription)")
            #expect(!error.localizedDescription.contains(Self.token))
        }
    }
}
