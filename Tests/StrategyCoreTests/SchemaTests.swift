import Foundation
import Testing
@testable import StrategyCore

/// A small checker for the JSON Schema keywords the strategy schema uses (type, enum, required, properties,
/// additionalProperties, items, oneOf, minimum/maximum and their exclusive forms, minItems, minLength).
/// It lets the tests prove the schema accepts real strategy files and rejects broken ones.
enum MiniSchemaChecker {
    static func errors(_ value: JSONValue, against schema: JSONValue, at path: String = "") -> [String] {
        var errors: [String] = []
        if let type = schema["type"] {
            let allowed = type.arrayValue?.compactMap(\.stringValue) ?? [type.stringValue ?? ""]
            if !allowed.contains(where: { matches(value, type: $0) }) {
                return ["\(path): \(value.typeName) is not \(allowed.joined(separator: "/"))"]
            }
        }
        if let choices = schema["enum"]?.arrayValue, !choices.contains(value) {
            errors.append("\(path): not in enum")
        }
        if let options = schema["oneOf"]?.arrayValue {
            let passing = options.filter { MiniSchemaChecker.errors(value, against: $0, at: path).isEmpty }.count
            if passing != 1 { errors.append("\(path): matches \(passing) of oneOf") }
        }
        if let number = value.numberValue {
            if let minimum = schema["minimum"]?.numberValue, number < minimum { errors.append("\(path): below minimum") }
            if let maximum = schema["maximum"]?.numberValue, number > maximum { errors.append("\(path): above maximum") }
            if let low = schema["exclusiveMinimum"]?.numberValue, number <= low { errors.append("\(path): not above \(low)") }
            if let high = schema["exclusiveMaximum"]?.numberValue, number >= high { errors.append("\(path): not below \(high)") }
        }
        if let text = value.stringValue, let minimum = schema["minLength"]?.numberValue, Double(text.count) < minimum {
            errors.append("\(path): too short")
        }
        if let items = value.arrayValue {
            if let minimum = schema["minItems"]?.numberValue, Double(items.count) < minimum { errors.append("\(path): too few items") }
            if let itemSchema = schema["items"] {
                for (index, item) in items.enumerated() { errors += self.errors(item, against: itemSchema, at: "\(path)[\(index)]") }
            }
        }
        if let object = value.objectValue {
            let properties = schema["properties"]?.objectValue ?? [:]
            for key in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where object[key] == nil {
                errors.append("\(path).\(key): missing")
            }
            for (key, item) in object.sorted(by: { $0.key < $1.key }) {
                if let propertySchema = properties[key] {
                    errors += self.errors(item, against: propertySchema, at: "\(path).\(key)")
                } else if schema["additionalProperties"] == false {
                    errors.append("\(path).\(key): not allowed")
                }
            }
        }
        return errors
    }

    static func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("null", .null),
             ("number", .number): true
        case ("integer", .number(let n)): n == n.rounded()
        default: false
        }
    }
}

@Suite("Strategy JSON Schema")
struct SchemaTests {
    let schema = StrategySchema.strategy

    @Test("has the shape of a JSON Schema object with types on every property")
    func shape() throws {
        #expect(schema["$schema"] == "https://json-schema.org/draft/2020-12/schema")
        #expect(schema["type"] == "object")
        let properties = try #require(schema["properties"]?.objectValue)
        #expect(Set(properties.keys) == Set(StrategyFileFormat.allKeys))
        for (key, property) in properties {
            #expect(property["type"] != nil || property["oneOf"] != nil, "\(key)")
        }
        let required = try #require(schema["required"]?.arrayValue).compactMap(\.stringValue)
        #expect(required == StrategyFileFormat.requiredKeys)
        #expect(required.allSatisfy { properties[$0] != nil })
        // The schema can be serialised as it will be sent to a model.
        #expect(try JSONValue.parse(Data(schema.canonicalText().utf8)) == schema)
    }

    @Test("enums come from the model's cases")
    func enums() throws {
        let properties = try #require(schema["properties"])
        #expect(properties["timeframe"]?["enum"] == ["short_term", "medium_term", "long_term"])
        let condition = try #require(properties["entry_conditions"]?["items"])
        #expect(condition["properties"]?["operator"]?["enum"]
            == ["gt", "lt", "gte", "lte", "eq", "between", "in", "crosses_above", "crosses_below"])
        #expect(properties["entry_logic"]?["enum"] == ["AND", "OR"])
        #expect(properties["data_requirements"]?["items"]?["properties"]?["source"]?["enum"]
            == ["fmp", "reddit", "calculated", "user_portfolio"])
        let riskKeys = try #require(properties["risk_parameters"]?["properties"]?.objectValue).keys
        #expect(Set(riskKeys) == Set(["stop_loss_pct", "take_profit_pct", "max_hold_days", "position_size_pct", "risk_per_trade_pct"]))
    }

    @Test("descriptions name every field pattern and the timeframe defaults")
    func descriptions() throws {
        let field = try #require(schema["properties"]?["entry_conditions"]?["items"]?["properties"]?["field"]?["description"]?.stringValue)
        for pattern in FieldRegistry.patterns {
            #expect(field.contains("\(pattern.pattern) (e.g. \(pattern.example))"), "\(pattern.pattern)")
        }
        let risk = try #require(schema["properties"]?["risk_parameters"]?["description"]?.stringValue)
        // The issue's defaults: short 7/15/30, medium 10/25/90, long 15/50/180.
        #expect(risk.contains("short_term: stop 7%, target 15%, 30 days"))
        #expect(risk.contains("medium_term: stop 10%, target 25%, 90 days"))
        #expect(risk.contains("long_term: stop 15%, target 50%, 180 days"))
        #expect(risk.contains("null means none"))
    }

    @Test("each required key of the schema is one the loader requires", arguments: StrategyFileFormat.requiredKeys)
    func requiredKeyAgreement(key: String) throws {
        var document = try #require(JSONValue.parse(Data(ModelFixtures.minimalDocument().utf8)).objectValue)
        document[key] = nil
        let text = JSONValue.object(document).canonicalText()
        #expect(StrategyDocument.load(text: text).problems.first?.path == key)
        #expect(MiniSchemaChecker.errors(.object(document), against: schema) == [".\(key): missing"])
    }

    @Test("files the loader accepts pass the schema", arguments: [
        "model/original_design_strategy.json", "reference/msft/rsi_30_70/strategy.json",
        "reference/msft/sma_cross_10_20/strategy.json", "reference/msft/trend_sma50_timeout30/strategy.json",
    ])
    func acceptedFilesPass(path: String) throws {
        let data = try ModelFixtures.data(path)
        #expect(MiniSchemaChecker.errors(try JSONValue.parse(data), against: schema) == [])
        // So does the canonical text the program writes, with its explicit nulls.
        let strategy = try #require(StrategyDocument.load(data).strategy)
        let canonical = try JSONValue.parse(Data(StrategyDocument.encode(strategy).utf8))
        #expect(MiniSchemaChecker.errors(canonical, against: schema) == [])
    }

    @Test("files the loader rejects fail the schema too")
    func rejectedFilesFail() throws {
        let broken = ModelFixtures.minimalDocument(risk: #"{"position_size_pct": 150, "stop_loss": 8}"#)
            .replacingOccurrences(of: #""operator": "lt""#, with: #""operator": "below""#)
        let errors = MiniSchemaChecker.errors(try JSONValue.parse(Data(broken.utf8)), against: schema)
        #expect(errors == [
            ".entry_conditions[0].operator: not in enum",
            ".risk_parameters.position_size_pct: above maximum",
            ".risk_parameters.stop_loss: not allowed",
        ])
        #expect(StrategyDocument.load(text: broken).problems.map(\.path) == [
            "entry_conditions[0].operator", "risk_parameters.stop_loss",
        ])
    }
}
