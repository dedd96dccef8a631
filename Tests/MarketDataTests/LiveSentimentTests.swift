import Foundation
@testable import MarketData
import Testing

@Suite("Sentiment with VADER and finance slang")
struct LiveSentimentTests {
    struct Reference: Decodable {
        var text: String
        var compound: Double
    }

    /// vaderSentiment 3.3.2 rounds to four decimals, so agreement is checked to within 0.00005 plus float noise.
    @Test("matches vaderSentiment 3.3.2 on the reference sentences")
    func matchesReference() throws {
        let analyzer = try SentimentAnalyzer()
        let references = try JSONDecoder().decode([Reference].self, from: LiveFixtures.data("vader_reference.json"))
        #expect(references.count == 20)
        for reference in references {
            let score = analyzer.compound(reference.text)
            #expect(abs(score - reference.compound) <= 0.00006, "\(reference.text): \(score) vs \(reference.compound)")
        }
    }

    @Test("single words by hand: good = 1.9/sqrt(1.9² + 15) = 0.4404; not good = -0.74 × 1.9 → -0.3412")
    func byHand() throws {
        let analyzer = try SentimentAnalyzer()
        #expect(abs(analyzer.compound("good") - 1.9 / (1.9 * 1.9 + 15).squareRoot()) < 1e-12)
        let negated = -0.74 * 1.9
        #expect(abs(analyzer.compound("not good") - negated / (negated * negated + 15).squareRoot()) < 1e-12)
    }

    @Test("every slang word carries the sign its comment gives it")
    func slangSigns() throws {
        let analyzer = try SentimentAnalyzer()
        for word in ["bullish", "moon", "mooning", "tendies", "rocket", "stonks", "ath", "btfd", "yolo", "calls"] {
            #expect(analyzer.compound(word) > 0, "\(word)")
        }
        for word in ["bearish", "bagholder", "puts", "rug", "dump", "dip", "rekt"] {
            #expect(analyzer.compound(word) < 0, "\(word)")
        }
        #expect(analyzer.compound("diamond hands") > analyzer.compound("diamond"))
        #expect(analyzer.compound("paper hands") < 0)
        #expect(analyzer.compound("short squeeze") > 0)
    }

    @Test("the lexicon ships with the program, with its notice")
    func resourceShipped() throws {
        #expect(try SentimentAnalyzer().lexicon.count > 7000)
        let notice = Bundle.module.url(forResource: "vader_NOTICE", withExtension: "txt", subdirectory: "Lexicon")
        #expect(notice != nil)
    }
}
