import AgentLoop
import Testing
@testable import Tools

/// How the offline model writes the numbers it copies from results.
@Suite("Numbers in the offline model's text")
struct OfflineExplainerNumberTests {
    @Test("dollars keep the result's digits, with cents written as two digits", arguments: [
        (361.4, false, "$361.40"), (-361.4, false, "-$361.40"), (21_910.71, true, "+$21,910.71"),
        (100_000, false, "$100,000"), (1_762.46, true, "+$1,762.46"), (0.5, false, "$0.50"),
    ])
    func dollars(value: Double, signed: Bool, text: String) {
        #expect(OfflineExplainer().dollars(value, signed: signed) == text)
    }

    @Test("percentages and plain numbers are the result's digits, grouped and signed", arguments: [
        (21.91, "+21.91%"), (-7.25, "-7.25%"), (0, "0%"), (1_234.5, "+1,234.5%"),
    ])
    func percents(value: Double, text: String) {
        #expect(OfflineExplainer().percent(value) == text)
    }
}
