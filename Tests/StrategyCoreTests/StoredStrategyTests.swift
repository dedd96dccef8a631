import Foundation
import StrategyCore
import Testing

@Suite("A stored strategy against its draft")
struct StoredStrategyTests {
    static let draft = TradingStrategy(
        name: "RSI dip", entryConditions: [Condition(field: "rsi_14", operator: .lt, value: .number(30))])

    @Test("a draft has no stored form; a definition with an id and a version has one")
    func draftIsNotStored() {
        #expect(StoredStrategy(Self.draft) == nil)
        var withId = Self.draft
        withId.id = "abc"
        #expect(StoredStrategy(withId) == nil)
        withId.version = 3
        let stored = StoredStrategy(withId)
        #expect(stored?.id == "abc")
        #expect(stored?.version == 3)
    }

    @Test("a stored strategy encodes as its definition, id and version included, and reads back")
    func sameJSON() throws {
        let stored = StoredStrategy(id: "abc", version: 2, definition: Self.draft)
        let json = try StrategyJSON.encodeString(stored)
        var definition = Self.draft
        definition.id = "abc"
        definition.version = 2
        #expect(json == (try StrategyJSON.encodeString(definition)))
        #expect(json.contains(#""id":"abc""#) && json.contains(#""version":2"#))
        #expect(try StrategyJSON.decoder.decode(StoredStrategy.self, from: Data(json.utf8)) == stored)
    }

    @Test("a draft's JSON does not read as a stored strategy")
    func draftJSONIsRefused() throws {
        let json = try StrategyJSON.encodeString(Self.draft)
        #expect(throws: DecodingError.self) { try StrategyJSON.decoder.decode(StoredStrategy.self, from: Data(json.utf8)) }
    }

    @Test("editing a stored strategy's rules keeps its id and version, whatever the definition says")
    func editKeepsIdentity() {
        var stored = StoredStrategy(id: "abc", version: 2, definition: Self.draft)
        stored.name = "Deeper dip"
        stored.riskParameters.stopLossPct = 6
        var replaced = Self.draft
        replaced.id = "other"
        replaced.version = 9
        let again = StoredStrategy(id: stored.id, version: stored.version, definition: replaced)
        #expect(stored.name == "Deeper dip")
        #expect(stored.definition.riskParameters.stopLossPct == 6)
        #expect(stored.definition.id == "abc" && stored.definition.version == 2)
        #expect(again.definition.id == "abc" && again.definition.version == 2)
    }
}
