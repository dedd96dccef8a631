import Testing
@testable import stratchat

/// How the text after a strategy slash command splits into a reference, dates, tickers and a version.
@Suite("Slash command arguments")
struct SlashArgumentsTests {
    @Test("/backtest takes dates and `on …` from the right, so a name may hold spaces", arguments: [
        ("", SlashArguments.Backtest(reference: "", from: nil, to: nil, universe: nil)),
        ("a1b2", .init(reference: "a1b2", from: nil, to: nil, universe: nil)),
        ("RSI dip 2010-01-04", .init(reference: "RSI dip", from: "2010-01-04", to: nil, universe: nil)),
        ("RSI dip 2010-01-04 2010-06-30", .init(reference: "RSI dip", from: "2010-01-04", to: "2010-06-30", universe: nil)),
        ("2010-01-04 2010-06-30", .init(reference: "", from: "2010-01-04", to: "2010-06-30", universe: nil)),
        ("a1b2 2010-01-04 on AAPL, MSFT", .init(reference: "a1b2", from: "2010-01-04", to: nil, universe: "AAPL,MSFT")),
        ("a1b2 on aapl msft", .init(reference: "a1b2", from: nil, to: nil, universe: "aapl,msft")),
        ("dip on sample", .init(reference: "dip", from: nil, to: nil, universe: "sample")),
        ("buy on", .init(reference: "buy on", from: nil, to: nil, universe: nil)),
        ("x 2010-1-4", .init(reference: "x 2010-1-4", from: nil, to: nil, universe: nil)),
    ])
    func backtest(_ text: String, expected: SlashArguments.Backtest) {
        #expect(SlashArguments.backtest(text) == expected)
    }

    @Test("/refine's reference is the first word, or a quoted name")
    func leading() {
        #expect(SlashArguments.leadingReference("a1b2 tighten the stop") == ("a1b2", "tighten the stop"))
        #expect(SlashArguments.leadingReference("  \"RSI dip\"  stop 6% ") == ("RSI dip", "stop 6%"))
        #expect(SlashArguments.leadingReference("a1b2") == ("a1b2", ""))
        #expect(SlashArguments.leadingReference("\"unclosed name") == ("\"unclosed", "name"))
    }

    @Test("/refine finds an unquoted name of several words by the longest run of words that is a name")
    func leadingName() {
        let names = ["RSI dip", "RSI dip buyer", "Trend"]
        #expect(SlashArguments.leadingName("rsi dip buyer stop 6%", names: names)! == ("rsi dip buyer", "stop 6%"))
        #expect(SlashArguments.leadingName("RSI dip stop 6%", names: names)! == ("RSI dip", "stop 6%"))
        #expect(SlashArguments.leadingName("Trend stop 6%", names: names) == nil)  // one word: the first-word rule
        #expect(SlashArguments.leadingName("RSI dip", names: names) == nil)  // no text left to apply
    }

    @Test("/revert's version is the last word, as 2 or v2")
    func version() {
        #expect(SlashArguments.trailingVersion("a1b2 2") == ("a1b2", 2))
        #expect(SlashArguments.trailingVersion("RSI dip V3") == ("RSI dip", 3))
        #expect(SlashArguments.trailingVersion("RSI dip") == ("RSI dip", nil))
        #expect(SlashArguments.trailingVersion("") == ("", nil))
    }
}
