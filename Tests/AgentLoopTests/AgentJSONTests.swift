import Foundation
import Testing
@testable import AgentLoop

@Suite("AgentJSON")
struct AgentJSONTests {
    @Test("parses nested values, escapes and surrogate pairs")
    func parses() throws {
        let value = try AgentJSON.parse(#"{"a":[1,-2.5e2,true,null],"s":"q\"\\\/\n\u00e9\ud83d\ude00","o":{}}"#)
        #expect(value == ["a": [1, -250, true, nil], "s": "q\"\\/\né😀", "o": [:]])
    }

    @Test("compact text sorts keys and prints integers without a fraction")
    func compact() {
        let value: AgentJSON = ["b": 2, "a": [1.5, "x\ty"], "c": nil]
        #expect(value.compactText == #"{"a":[1.5,"x\ty"],"b":2,"c":null}"#)
    }

    @Test("round-trips through its own text", arguments: [#"{"k":[1,2,{"z":false}]}"#, #""é""#, "[]", "-0.125"])
    func roundTrip(text: String) throws {
        let value = try AgentJSON.parse(text)
        #expect(try AgentJSON.parse(value.compactText) == value)
    }

    @Test("says where and what is wrong", arguments: [
        (#"{"a": 1,}"#, "trailing comma before '}' at offset 8"),
        (#"{"a": tru}"#, "invalid literal, expected 'true' at offset 6"),
        (#"{"a": "x"#, "unterminated string at offset 8"),
        ("", "empty text, expected a JSON value at offset 0"),
        ("[1, 2", "unexpected end of text, expected ',' or ']' at offset 5"),
        (#"{"a" 1}"#, "unexpected character '1', expected ':' after member name \"a\" at offset 5"),
        ("{a: 1}", "unexpected character 'a', expected a quoted member name at offset 1"),
        ("01", "number with a leading zero at offset 0"),
        (#"{"a":1} x"#, "unexpected character 'x' after the end of the JSON value at offset 8"),
    ])
    func errors(text: String, message: String) {
        #expect(throws: AgentJSONParseError.self) { try AgentJSON.parse(text) }
        do {
            _ = try AgentJSON.parse(text)
        } catch {
            #expect(error.description == message)
        }
    }
}

@Suite("Schema checks on tool arguments")
struct SchemaValidatorTests {
    let schema: AgentJSON = [
        "type": "object",
        "properties": [
            "name": ["type": "string", "minLength": 1],
            "size": ["type": "integer", "minimum": 1, "maximum": 100],
            "tags": ["type": "array", "items": ["type": "string", "enum": ["a", "b"]], "maxItems": 2],
            "when": ["anyOf": [["type": "string"], ["type": "null"]]],
        ],
        "required": ["name"],
        "additionalProperties": false,
    ]

    @Test("a good value has no problems")
    func good() {
        #expect(SchemaValidator.problems(in: ["name": "x", "size": 5, "tags": ["a"], "when": nil], against: schema).isEmpty)
    }

    static let cases: [(AgentJSON, String)] = [
        (["size": 5], "$.name: is required but missing"),
        (["name": "x", "size": 2.5], "$.size: expected an integer, found a number"),
        (["name": "x", "size": 0], "$.size: must be at least 1"),
        (["name": "x", "tags": ["a", "c"]], #"$.tags[1]: "c" is not one of "a", "b""#),
        (["name": "x", "tags": ["a", "b", "a"]], "$.tags: allows at most 2 item(s)"),
        (["name": "x", "colour": "red"], "$.colour: is not a known argument (known: name, size, tags, when)"),
        (["name": "x", "when": 3], "$.when: matches none of the allowed forms (first option: expected a string, found a number)"),
        (["name": ""], "$.name: must have at least 1 character(s)"),
    ]

    @Test("each problem names its path", arguments: cases)
    func problems(value: AgentJSON, expected: String) {
        #expect(SchemaValidator.problems(in: value, against: schema).map(\.description) == [expected])
    }
}
