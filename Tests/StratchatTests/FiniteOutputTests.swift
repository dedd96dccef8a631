import Foundation
import Testing
@testable import stratchat

@Suite("No metric prints or encodes NaN or infinity")
struct FiniteOutputTests {
    struct Metrics: Encodable {
        var total: Double
        var sharpe: Double?
        var list: [Double]
    }

    @Test("--json writes null for each non-finite number and counts them for the warning")
    func json() throws {
        let encoded = try FiniteJSON.encode(Metrics(total: .nan, sharpe: .infinity, list: [1.5, -.infinity]))
        #expect(encoded.text == #"{"list":[1.5,null],"sharpe":null,"total":null}"#)
        #expect(encoded.nonFinite == 3)
        #expect(FiniteJSON.warning(3).contains("3 numbers were not finite"))
        let clean = try FiniteJSON.encode(Metrics(total: 2, sharpe: nil, list: []))
        #expect(clean.nonFinite == 0 && !clean.text.contains("null"))
    }

    @Test("the backtest report shows n/a, never nan or inf", arguments: [Double.nan, .infinity, -.infinity])
    func text(value: Double) {
        for shown in [BacktestReport.pct(value), BacktestReport.number(value), BacktestReport.price(value), BacktestReport.money(value)] {
            #expect(shown == "n/a")
        }
    }
}
