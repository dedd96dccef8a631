import Testing
@testable import stratchat

/// What Tab offers: command names, strategy ids and names after commands that take one, tickers after
/// `on`, and fixed words; and the list handed to libedit.
@Suite("Tab completion")
struct SlashCompletionTests {
    let completer = Completer(
        registry: .standard,
        strategies: {
            [.init(id: "a1b2c301-0000-4000-8000-000000000000", name: "RSI dip"),
             .init(id: "a1b2c302-0000-4000-8000-000000000000", name: "RSI dip buyer"),
             .init(id: "f00d0003-0000-4000-8000-000000000000", name: "Trend")]
        },
        tickers: { ["A", "AA", "AAPL", "MSFT", "^GSPC"] })

    @Test("command names complete from the slash, ignoring case, aliases included")
    func commands() {
        #expect(completer.complete("/re") == .init(start: 0, candidates: ["/refine", "/report", "/resume", "/revert"]))
        #expect(completer.complete("/BACK") == .init(start: 0, candidates: ["/backtest"]))
        #expect(completer.complete("/ex").candidates == ["/exit", "/export"])
        #expect(completer.complete("/").candidates.count == SlashCommandRegistry.standard.commands.flatMap { [$0.name] + $0.aliases }.count)
        #expect(completer.complete("/zz").candidates.isEmpty)
    }

    @Test("a chat line, an unknown command, or a command with no arguments offers nothing")
    func nothing() {
        #expect(completer.complete("buy when").candidates.isEmpty)
        #expect(completer.complete("/nosuch a").candidates.isEmpty)
        #expect(completer.complete("/data ").candidates.isEmpty)
        #expect(completer.complete("/new RS").candidates.isEmpty)
    }

    @Test("strategy ids (8 characters) and names complete after a command that takes one")
    func strategies() {
        #expect(completer.complete("/show a1") == .init(start: 6, candidates: ["a1b2c301", "a1b2c302"]))
        #expect(completer.complete("/show rsi") == .init(start: 6, candidates: ["RSI dip", "RSI dip buyer"]))
        #expect(completer.complete("/backtest ").candidates == ["a1b2c301", "a1b2c302", "f00d0003", "RSI dip", "RSI dip buyer", "Trend"])
        #expect(completer.complete("/pause F").candidates == ["f00d0003"])
    }

    @Test("a name with spaces completes over the whole argument; /refine offers it in quotes")
    func spaces() {
        #expect(completer.complete("/delete rsi dip b") == .init(start: 8, candidates: ["RSI dip buyer"]))
        #expect(completer.complete("/refine rsi") == .init(start: 8, candidates: ["\"RSI dip\"", "\"RSI dip buyer\""]))
        #expect(completer.complete("/refine a1b2c301 tigh").candidates.isEmpty)
    }

    @Test("tickers complete after `on`, per comma-separated item, in capitals")
    func tickers() {
        #expect(completer.complete("/backtest dip on aa") == .init(start: 17, candidates: ["AA", "AAPL"]))
        #expect(completer.complete("/signals on MSFT,a") == .init(start: 17, candidates: ["A", "AA", "AAPL"]))
        #expect(completer.complete("/show dip on aa").candidates.isEmpty)
    }

    @Test("signal ids (8 characters) complete after /act, /close and /skip, and only as the first argument")
    func signals() {
        let signals = Completer(registry: .standard, strategies: { [] }, tickers: { [] },
                                signals: { _ in ["9cebe8a6-d050-dd01-12a7-64fb66abc9cf", "9c00aaaa-0000-0000-0000-000000000000", "37688dad-cab7"] })
        #expect(signals.complete("/act 9c") == .init(start: 5, candidates: ["9c00aaaa", "9cebe8a6"]))
        #expect(signals.complete("/skip 3").candidates == ["37688dad"])
        #expect(signals.complete("/close 9ceb ").candidates.isEmpty)
    }

    @Test("/compare offers its timeframes")
    func words() {
        #expect(completer.complete("/compare 3") == .init(start: 9, candidates: ["30d"]))
        #expect(completer.complete("/compare ").candidates == ["1y", "30d", "7d", "90d", "all"])
    }

    @Test("libedit's list: one match alone; several after their common start, never shorter than typed")
    func readlineList() {
        #expect(completer.readlineMatches(line: "/backt", wordStart: 0) == ["/backtest"])
        #expect(completer.readlineMatches(line: "/show a1", wordStart: 6) == ["a1b2c30", "a1b2c301", "a1b2c302"])
        // readline's word is "b" (it splits at spaces); the name's earlier words are already typed.
        #expect(completer.readlineMatches(line: "/delete rsi dip b", wordStart: 16) == ["buyer"])
        #expect(completer.readlineMatches(line: "/show rsi", wordStart: 6) == ["RSI dip", "RSI dip", "RSI dip buyer"])
        #expect(completer.readlineMatches(line: "/show zz", wordStart: 6).isEmpty)
    }

    @Test("when candidates differ in case from each other, what was typed is kept")
    func mixedCase() {
        let mixed = Completer(registry: .standard, strategies: {
            [.init(id: "1", name: "Rsi one"), .init(id: "2", name: "RSI two")]
        }, tickers: { [] })
        #expect(mixed.readlineMatches(line: "/show rsi", wordStart: 6) == ["rsi", "Rsi one", "RSI two"])
    }
}
