import AgentLoop
import Foundation
import Testing
import Tools
@testable import stratchat

@Suite("No metric prints or encodes NaN or infinity")
struct FiniteOutputTests {
    @Test("--json writes null for each non-finite number and counts them for the warning")
    func json() {
        let document: AgentJSON = ["total": .number(.nan), "sharpe": .number(.infinity), "list": [1.5, .number(-.infinity)]]
        #expect(document.compactText == #"{"list":[1.5,null],"sharpe":null,"total":null}"#)
        #expect(document.nonFiniteNumbers == 3)
        #expect(FiniteJSON.warning(3).contains("3 numbers were not finite"))
        let clean: AgentJSON = ["total": 2, "sharpe": nil, "list": []]
        #expect(clean.nonFiniteNumbers == 0)
    }

    @Test("a displayed metric shows n/a, never nan or inf", arguments: [Double.nan, .infinity, -.infinity])
    func text(value: Double) {
        let shown = [NumberText.percent(value), NumberText.percent(value, signed: false), NumberText.dollars(value),
                     NumberText.dollars(value, signed: true), NumberText.price(value), NumberText.ratio(value),
                     NumberText.fieldValue(value), NumberText.signed(value)]
        for text in shown {
            #expect(text == "n/a")
        }
    }
}
