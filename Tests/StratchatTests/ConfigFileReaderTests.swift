import Testing
@testable import stratchat

@Suite("The config file read with TOMLKit")
struct ConfigFileReaderTests {
    @Test("keys, sections, comments, strings with escapes, numbers and booleans")
    func reads() throws {
        let text = """
            # stratchat settings
            model = "openai:gpt-4o"   # trailing comment
            capital = 50_000
            commission_pct = 0.1
            color = false

            [keys]
            fmp = 'C:\\literal'
            note = "tab\\there \\"quoted\\" \\u00e9"
            """
        let entries = try ConfigFileReader.parse(text, file: "c.toml")
        #expect(entries == [
            ConfigEntry(key: "model", value: .string("openai:gpt-4o"), line: 2),
            ConfigEntry(key: "capital", value: .integer(50000), line: 3),
            ConfigEntry(key: "commission_pct", value: .number(0.1), line: 4),
            ConfigEntry(key: "color", value: .boolean(false), line: 5),
            ConfigEntry(key: "keys.fmp", value: .string("C:\\literal"), line: 8),
            ConfigEntry(key: "keys.note", value: .string("tab\there \"quoted\" é"), line: 9),
        ])
    }

    @Test("each malformed line is an error naming the file and line", arguments: [
        ("capital 5", 1, "expected = after capital"),
        ("model = gpt-4o", 1, "cannot read the value gpt-4o"),
        ("\n\nuniverse = [\"AAPL\"]", 3, "arrays and inline tables are not supported"),
        ("model = \"open", 1, "the string is not closed"),
        ("[keys", 1, "expected ] after [keys"),
        ("[[keys]]", 1, "arrays of tables"),
        ("capital = 5 6", 1, "unexpected text after the value of capital"),
        ("model =", 1, "model has no value"),
        ("= 1", 1, "expected a key"),
        ("note = \"bad \\q\"", 1, "unknown escape in the value of note"),
        ("[keys]\nfmp = 'abc", 2, "the string is not closed"),
    ])
    func syntaxErrors(text: String, line: Int, problem: String) {
        #expect {
            try ConfigFileReader.parse(text, file: "/etc/c.toml")
        } throws: { error in
            guard case let .syntax(file, errorLine, message, fix) = error as? ConfigError else { return false }
            return file == "/etc/c.toml" && errorLine == line && message.hasPrefix(problem) && !fix.isEmpty
        }
    }

    @Test("a key set twice names both lines")
    func duplicate() {
        #expect(throws: ConfigError.duplicateKey(file: "c.toml", line: 3, key: "capital", firstLine: 1)) {
            try ConfigFileReader.parse("capital = 1\n\ncapital = 2", file: "c.toml")
        }
    }

    @Test("numbers follow TOML: underscores only between digits, decimals need digits both sides", arguments: [
        ("1_000", ConfigValue.integer(1000)), ("-5", .integer(-5)), ("+2.5", .number(2.5)), ("1e3", .number(1000)),
        ("0x10", .integer(16)),
    ])
    func numbers(word: String, value: ConfigValue) throws {
        #expect(try ConfigFileReader.parse("capital = \(word)", file: "c").first?.value == value)
    }

    @Test("words that are not numbers are refused", arguments: ["1__0", "_1", "1.", ".5", "nan", "inf", "1e999"])
    func notNumbers(word: String) {
        #expect(throws: ConfigError.self) { try ConfigFileReader.parse("capital = \(word)", file: "c") }
    }
}
