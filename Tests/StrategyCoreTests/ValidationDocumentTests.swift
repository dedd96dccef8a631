import Foundation
import Testing
@testable import StrategyCore

@Suite("Strategy files: syntax, shape and types")
struct ValidationDocumentTests {
    /// Offsets counted by hand: `{`=0, newline=1, two spaces, `"name"`=4…9, `:`=10, space, `"x"`=12…14,
    /// `,`=15, and the second comma at 16 is the invalid value: line 2, column 15 (14 characters before it).
    @Test("a JSON syntax error names its line and column")
    func syntaxError() {
        let loaded = StrategyDocument.load(text: "{\n  \"name\": \"x\",,\n}")
        #expect(loaded.strategy == nil)
        #expect(loaded.problems.count == 1)
        #expect(loaded.problems.first?.path == "")
        #expect(loaded.problems.first?.message.hasPrefix("the text is not valid JSON") == true)
        #expect(loaded.problems.first?.message.hasSuffix("(line 2, column 15)") == true, "\(loaded.problems)")
        #expect(loaded.problems.first?.fix.contains("missing comma") == true)
    }

    @Test("an empty file and a non-object say so")
    func emptyAndNotAnObject() {
        #expect(StrategyDocument.load(Data()).problems.map(\.message) == ["the file is empty"])
        let array = StrategyDocument.load(text: "[1, 2]")
        #expect(array.strategy == nil)
        #expect(array.problems.map(\.message) == ["the file holds an array, not a strategy object"])
    }

    @Test("every missing required key is reported, in the format's order")
    func missingKeys() {
        let loaded = StrategyDocument.load(text: "{}")
        #expect(loaded.strategy == nil)
        #expect(loaded.problems.map(\.path) == StrategyFileFormat.requiredKeys)
        #expect(loaded.problems.allSatisfy { $0.message == "missing required key \"\($0.path)\"" && $0.fix.hasPrefix("add \"\($0.path)\"") })
    }

    @Test("a missing name's example is made from the file's own entry conditions")
    func missingNameExample() throws {
        let text = ModelFixtures.minimalDocument().replacingOccurrences(of: #""name": "RSI dip","#, with: "")
        let problem = try #require(StrategyDocument.load(text: text).problems.first { $0.path == "name" })
        // The file's only entry field is rsi_14, which the field registry shows as RSI(14).
        #expect(problem.fix == #"add "name": "RSI(14)""#, "\(problem)")
    }

    @Test("what `parse --json` writes loads as the strategy inside it, with the parser's assumptions")
    func parseEnvelope() throws {
        let parsed = StrategyTextParser().parse("buy when RSI is below 30, sell above 70")
        let envelope = StrategyTextParser().jsonObject(for: parsed).canonicalText()
        let loaded = StrategyDocument.load(text: envelope)
        #expect(loaded.problems == [])
        #expect(loaded.strategy == parsed.strategy)
        #expect(loaded.filledDefaults.starts(with: parsed.assumptions))
        // An answer that is only a question says so, and what the question was.
        let question = StrategyDocument.load(text: #"{"strategy": null, "assumptions": [], "unrecognized": ["moon"], "question": "When should it buy?"}"#)
        #expect(question.strategy == nil)
        #expect(question.problems.map(\.path) == ["strategy"])
        #expect(question.problems.first?.message.contains("The parser asked: When should it buy?") == true)
    }

    @Test("wrong types are all collected with their paths, not just the first")
    func wrongTypes() {
        let text = """
        {
          "name": 5,
          "timeframe": "short_trem",
          "entry_conditions": [
            {"field": "rsi_14", "operator": ">", "value": "thirty"},
            {"field": ["close"], "operator": "gt", "value": [1, "two"]},
            "rsi below 30"
          ],
          "entry_logic": "XOR",
          "exit_conditions": {},
          "exit_logic": "OR",
          "risk_parameters": {"stop_loss_pct": "8%", "max_hold_days": 2.5, "position_size_pct": null},
          "is_active": "yes",
          "created_at": "yesterday",
          "version": 1.5,
          "data_requirements": [{"source": "yahoo", "data_type": 3}]
        }
        """
        let loaded = StrategyDocument.load(text: text)
        #expect(loaded.strategy == nil)
        let found = loaded.problems.map { "\($0.path) | \($0.message)" }
        #expect(found == [
            "name | expected a string, found a number",
            "timeframe | unknown timeframe \"short_trem\"",
            "entry_conditions[0].operator | unknown operator \">\"",
            #"entry_conditions[0].value | expected a number, a list of numbers, or {"field": NAME}, found a string"#,
            "entry_conditions[1].field | expected a string, found an array",
            "entry_conditions[1].value[1] | expected a number, found a string",
            "entry_conditions[2] | expected an object, found a string",
            "entry_logic | unknown logic \"XOR\"",
            "exit_conditions | expected a list, found an object",
            "risk_parameters.stop_loss_pct | expected a number or null, found a string",
            "risk_parameters.max_hold_days | expected a whole number, found 2.5",
            "version | expected a whole number, found 1.5",
            "data_requirements[0].source | unknown data source \"yahoo\"",
            "data_requirements[0].data_type | expected a string, found a number",
            "created_at | \"yesterday\" is not an ISO 8601 time",
            "is_active | expected true or false, found a string",
        ])
        let fixes = Dictionary(loaded.problems.map { ($0.path, $0.fix) }, uniquingKeysWith: { first, _ in first })
        #expect(fixes["timeframe"]?.hasPrefix("did you mean \"short_term\"?") == true)
        #expect(fixes["entry_conditions[0].operator"]?.hasPrefix("did you mean \"gt\"?") == true)
        #expect(fixes["data_requirements[0].source"]?.contains("\"fmp\", \"reddit\", \"calculated\", \"user_portfolio\"") == true)
    }

    @Test("unknown keys are reported with the key they were likely meant to be, and the strategy is still built")
    func unknownKeys() throws {
        let text = ModelFixtures.minimalDocument(risk: #"{"stop_loss": 8}"#)
            .replacingOccurrences(of: #""name": "RSI dip","#, with: #""name": "RSI dip", "descripton": "typo","#)
            .replacingOccurrences(of: #""value": 30}"#, with: #""value": 30, "logik": "AND"}"#)
        let loaded = StrategyDocument.load(text: text)
        let strategy = try #require(loaded.strategy)
        #expect(loaded.problems.map(\.path) == ["descripton", "entry_conditions[0].logik", "risk_parameters.stop_loss"])
        #expect(loaded.problems.map(\.message) == [#"unknown key "descripton""#, #"unknown key "logik""#, #"unknown key "stop_loss""#])
        #expect(loaded.problems.map(\.fix) == [
            #"did you mean "description"? Otherwise remove it"#,
            #"did you mean "logic"? Otherwise remove it"#,
            #"did you mean "stop_loss_pct"? Otherwise remove it"#,
        ])
        // The misspelt stop did not count: the timeframe's default was filled, and the result says so.
        #expect(strategy.riskParameters.stopLossPct == 7)
        #expect(loaded.filledDefaults.contains("risk_parameters.stop_loss_pct = 7 (short_term default)"))
    }

    @Test("shape problems and rule problems are reported together")
    func shapeAndRules() {
        let text = ModelFixtures.minimalDocument(risk: #"{"position_size_pct": 150, "extra": 1}"#)
            .replacingOccurrences(of: #""operator": "lt", "value": 30"#, with: #""operator": "between", "value": [70, 30]"#)
        let loaded = StrategyDocument.load(text: text)
        #expect(loaded.strategy != nil)
        #expect(loaded.problems.map(\.path) == [
            "risk_parameters.extra", "entry_conditions[0].value", "risk_parameters.position_size_pct",
        ])
        #expect(!loaded.isValid)
    }

    @Test("an explicit null for an optional key is accepted; null for a required one is a type error")
    func nulls() {
        let optionalNull = ModelFixtures.minimalDocument().replacingOccurrences(
            of: #""name": "RSI dip","#, with: #""name": "RSI dip", "id": null, "description": null, "data_requirements": null,"#)
        #expect(StrategyDocument.load(text: optionalNull).problems == [])
        let requiredNull = ModelFixtures.minimalDocument().replacingOccurrences(of: #""name": "RSI dip""#, with: #""name": null"#)
        #expect(StrategyDocument.load(text: requiredNull).problems.map { "\($0.path) | \($0.message)" }
            == ["name | expected a string, found null"])
    }

    @Test("logic words are accepted in any case, as people and models write them")
    func logicCase() throws {
        let text = ModelFixtures.minimalDocument().replacingOccurrences(of: #""entry_logic": "AND""#, with: #""entry_logic": "and""#)
        let loaded = StrategyDocument.load(text: text)
        #expect(loaded.problems == [])
        #expect(try #require(loaded.strategy).entryLogic == .and)
    }
}

@Suite("Strategy files: encoding details")
struct ValidationEncodingTests {
    @Test("a byte-order mark at the start of a file is ignored")
    func byteOrderMark() {
        let data = Data([0xEF, 0xBB, 0xBF]) + Data(ModelFixtures.minimalDocument().utf8)
        let loaded = StrategyDocument.load(data)
        #expect(loaded.problems == [])
        #expect(loaded.strategy?.name == "RSI dip")
    }

    @Test("a number that cannot be written as JSON still leaves the rest of the strategy readable")
    func nonFiniteEncoding() throws {
        var strategy = ModelFixtures.strategy()
        strategy.riskParameters.stopLossPct = .nan
        let text = StrategyDocument.encode(strategy)
        let json = try JSONValue.parse(Data(text.utf8))
        #expect(json["risk_parameters"]?["stop_loss_pct"] == "NaN")
        #expect(json["name"] == "RSI dip")
    }
}
