/// Trader and Reddit slang missing from (or misread by) the VADER lexicon, with valences on VADER's
/// −4…+4 scale.
///
/// VADER's words were rated by people; we have no such panel, so each score is borrowed from a VADER word
/// of the same meaning and strength, named in the comment with its lexicon score. Multi-word entries are
/// joined with "_" and matched as phrases.
package enum FinanceSlang {
    package static let valences: [String: Double] = [
        "bullish": 1.3,        // expects a rise: as VADER "optimistic" (1.3)
        "bull": 1.3,           // as VADER "optimistic" (1.3)
        "bulls": 1.3,          // as VADER "optimistic" (1.3)
        "bearish": -1.5,       // expects a fall: as VADER "pessimistic" (-1.5)
        "bear": -1.5,          // as VADER "pessimistic" (-1.5)
        "bears": -1.5,         // as VADER "pessimistic" (-1.5)
        "moon": 2.4,           // "to the moon", a soaring price: as VADER "winning" (2.4)
        "mooning": 2.4,        // as VADER "winning" (2.4)
        "rocket": 2.4,         // as VADER "winning" (2.4)
        "🚀": 2.4,             // the rocket emoji, as "rocket": VADER "winning" (2.4)
        "skyrocket": 2.4,      // as VADER "winning" (2.4)
        "skyrocketing": 2.4,   // as VADER "winning" (2.4)
        "tendies": 1.8,        // trading profits: as VADER "lucky" (1.8)
        "stonks": 1.1,         // ironic cheer for stocks: as VADER "yolo" (1.1), same register
        "calls": 0.6,          // buying call options, a mild bullish bet: as VADER "solid" (0.6)
        "puts": -0.6,          // buying put options, a mild bearish bet: as VADER "crush" (-0.6)
        "bagholder": -2.4,     // stuck holding a loser: as VADER "sucker" (-2.4)
        "bagholders": -2.4,    // as VADER "sucker" (-2.4)
        "bagholding": -2.4,    // as VADER "sucker" (-2.4)
        "diamond_hands": 2.4,  // holding through losses: as VADER "brave" (2.4)
        "paper_hands": -1.9,   // selling at the first drop: as VADER "scared" (-1.9)
        "short_squeeze": 1.9,  // shorts forced to buy, a jump for holders: as VADER "hope" (1.9)
        "pump": 0.6,           // a price run-up, often suspected of being staged: weak, as VADER "solid" (0.6)
        "dump": -1.6,          // VADER's own score for "dump" (-1.6), kept
        "rug": -2.8,           // "rug pull", holders wiped out: as VADER "ruin" (-2.8)
        "rugpull": -2.8,       // as VADER "ruin" (-2.8)
        "rugged": -2.8,        // as VADER "ruin" (-2.8)
        "rekt": -2.8,          // wrecked by a trade: as VADER "ruin" (-2.8)
        "yolo": 1.1,           // VADER's own score for "yolo" (1.1), kept
        "ath": 2.1,            // all-time high: as VADER "triumph" (2.1)
        "dip": -1.1,           // a price drop: as VADER "nervous" (-1.1)
        "btfd": 1.9,           // "buy the dip", expecting a rebound: as VADER "hope" (1.9)
        "fomo": -1.1,          // fear of missing out: as VADER "nervous" (-1.1)
        "hodl": 1.4,           // holding on: as VADER "diamond" (1.4)
        "tank": -2.2,          // the price collapses: as VADER "collapse" (-2.2)
        "tanking": -2.2,       // as VADER "collapse" (-2.2)
        "tanked": -2.2,        // as VADER "collapse" (-2.2)
        "plunge": -2.2,        // as VADER "collapse" (-2.2)
        "plummet": -2.2,       // as VADER "collapse" (-2.2)
        "plummeting": -2.2,    // as VADER "collapse" (-2.2)
        "squeeze": 1.9,        // in trading talk, a short squeeze: as "short_squeeze", VADER "hope" (1.9)
        "undervalued": 1.8,    // a bargain: as VADER "lucky" (1.8)
        "overvalued": -1.1,    // as VADER "nervous" (-1.1)
        "bankrupt": -2.6,      // VADER's own score (-2.6), kept
    ]

    /// Two-word phrases matched before scoring and replaced by their joined entry.
    static let phrases: [String: String] = [
        "diamond hands": "diamond_hands",
        "paper hands": "paper_hands",
        "short squeeze": "short_squeeze",
        "rug pull": "rugpull",
    ]
}
