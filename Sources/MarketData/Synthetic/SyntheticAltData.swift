import Foundation
import StrategyCore

/// Deterministic, plausible alternative data for tickers that have prices but no real filings:
/// a "synthetic sample", labelled so everywhere it is used.
///
/// The embedded prices come with no insider trades, Reddit mentions, fundamentals or analyst grades,
/// yet strategies using those fields should still run offline. Each ticker's data is drawn from its own
/// `SplitMix64` stream keyed by ticker, so it is the same in every run and for any subset of tickers,
/// except Reddit ranks, which rank a ticker among all the series passed in on that day.
package struct SyntheticAltData: Hashable, Sendable {
    /// The label every result built on this data carries.
    package static let label = "synthetic sample"

    /// The note a result carries for a field this data serves: "insider_buy_count_30d: synthetic sample (…)".
    package static func note(field: String, detail: String) -> String { "\(field): \(label) (\(detail))" }

    /// The field a `note(field:detail:)` names.
    package static func field(inNote note: String) -> String { String(note.prefix { $0 != ":" }) }
    package static let defaultSeed: UInt64 = 0x5EED_2009_0821

    package var insider: [InsiderFiling]
    package var mentions: [MentionObservation]
    package var fundamentals: [FundamentalSnapshot]
    package var grades: [AnalystGrade]

    /// Generates data for every series; indices (tickers starting with "^") get none.
    package static func generate(for series: [PriceSeries], seed: UInt64 = defaultSeed) -> SyntheticAltData {
        var result = SyntheticAltData(insider: [], mentions: [], fundamentals: [], grades: [])
        for s in series.sorted(by: { $0.ticker < $1.ticker }) where !s.ticker.hasPrefix("^") && s.count > 1 {
            result.insider += SyntheticInsider.generate(s, seed: seed)
            result.mentions += SyntheticMentions.counts(s, seed: seed)
            result.fundamentals += SyntheticFundamentals.generate(s, seed: seed)
            result.grades += SyntheticFundamentals.grades(s, seed: seed)
        }
        result.mentions = SyntheticMentions.ranked(result.mentions)
        return result
    }
}
