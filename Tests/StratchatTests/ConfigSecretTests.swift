import Foundation
import Testing
@testable import stratchat

/// Config files with a key planted in every way a person might mistype one: no message may show it.
@Suite("Config errors never show a key")
struct ConfigSecretTests {
    static let planted = [
        "[keys]\nfmp = fmpSECRET456",
        "[keys]\n\"sk-SECRET789\"",
        "[keys]\nsk-SECRET789",
        "[keys]\nsk-SECRET789 = \"x\"",
        "[keys]\nfmp = \"fmpSECRET456",
        "[keys]\nfmp = 'fmpSECRET456",
        "[keys]\nfmp = \"fmpSECRET456\" trailing",
        "[keys]\nfmp = \"fmpSECRET456\\q\"",
        "[keys]\nfmp = [\"fmpSECRET456\"]",
        "[keys]\nfmp = 1234567SECRET",
        "[keys]\nfmp = 12345678",
        "[keys]\nfmp = true",
        "[keys]\nfmp = \"a\"\nfmp = \"fmpSECRET456\"",
        "[keys]\nopenai = \"\"\nfmp = fmpSECRET456",
        "\"sk-SECRET789\"",
        "sk-SECRET789",
        "api_token = tokSECRET111",
        "api_token = \"tokSECRET111\"",
        "password = \"pwSECRET\" junk",
        "[secrets]\nreddit = redditSECRET",
        "[secrets]\nreddit = \"redditSECRET\"",
        "keys = { fmp = \"fmpSECRET456\" }",
        "keys = { fmp = fmpSECRET456 }",
        "[keys.SECRETSECTION]\nx = 1",
        "[keys]\nfmp = 2026-01-05",
    ]

    @Test("a planted key is masked in every config error", arguments: planted)
    func masked(text: String) {
        var loader = SettingsLoader(
            paths: AppPaths(home: URL(fileURLWithPath: "/sc"), userConfig: URL(fileURLWithPath: "/u/c.toml")),
            environment: HostEnvironment(variables: [:], homeDirectory: URL(fileURLWithPath: "/u")))
        loader.fileExists = { $0 == "/sc/config.toml" }
        loader.readFile = { _ in text }
        do {
            _ = try loader.load()
            Issue.record("the file was accepted: \(text)")
        } catch {
            let message = error.errorDescription ?? ""
            #expect(message.hasPrefix("/sc/config.toml line "), "\(message)")
            #expect(!message.contains("SECRET"), "\(message)")
            #expect(message.contains(" — "), "no fix in: \(message)")
        }
    }

    @Test("the binary never prints a planted key, in the chat, scan --quiet or config")
    func binary() throws {
        let process = try StratchatProcess()
        defer { process.cleanUp() }
        for text in Self.planted {
            try text.write(to: process.home.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
            for arguments in [["scan", "--quiet"], ["config"], []] {
                let result = try process.run(arguments, input: "/strategies\n")
                #expect(result.status == 2, "\(arguments) with \(text)")
                #expect(result.stderr.contains("config.toml line"), "\(result.stderr)")
                #expect(!(result.stdout + result.stderr).contains("SECRET"), "\(arguments): \(result.stdout + result.stderr)")
            }
        }
    }
}
