import Foundation

/// Turns insider filings, Reddit observations, fundamental snapshots and analyst grades into columns
/// aligned with a series' days, point in time.
///
/// A value at day t uses only what was public by the close of t: insider trades by filing date,
/// fundamentals by filing date, mentions by observation day, grades by their day. `Nd` windows are the
/// N calendar days ending with t (`t-N+1 ... t`). Where the source does not cover the whole window
/// (before its coverage starts) the value is NaN, "no value", never a zero that would read as
/// "nobody traded".
package enum AltFieldColumns {
    /// One ticker's alternative data, with the first day each kind of data is known to cover.
    package struct Inputs: Hashable, Sendable {
        package var insider: [InsiderFiling]
        package var mentions: [MentionObservation]
        package var fundamentals: [FundamentalSnapshot]
        package var grades: [AnalystGrade]
        /// First day each family's source covers. Absent: the earliest record of that family (none: no coverage).
        package var coverageStart: [Field.Family: Day]

        package init(insider: [InsiderFiling] = [], mentions: [MentionObservation] = [],
                    fundamentals: [FundamentalSnapshot] = [], grades: [AnalystGrade] = [],
                    coverageStart: [Field.Family: Day] = [:]) {
            self.insider = insider
            self.mentions = mentions
            self.fundamentals = fundamentals
            self.grades = grades
            self.coverageStart = coverageStart
        }

        /// The first day the family's data can answer for, or nil when there is none at all.
        package func start(of family: Field.Family) -> Day? {
            if let day = coverageStart[family] { return day }
            switch family {
            case .insider: return insider.map(\.filingDate).min()
            case .reddit: return mentions.map(\.day).min()
            case .fundamental: return fundamentals.map(\.filingDate).min()
            case .analyst: return grades.map(\.day).min()
            default: return nil
            }
        }
    }

    /// The column for an insider, reddit, fundamental or analyst field; nil for price, indicator and
    /// portfolio fields, which come from elsewhere.
    package static func column(_ field: Field, days: [Day], inputs: Inputs) -> FieldColumn? {
        let start = inputs.start(of: field.family)
        switch field {
        case .insiderBuyCount(let n):
            return windowSum(days, n, start, inputs.insider.filter { $0.kind == .purchase }.map { ($0.filingDate, 1) })
        case .insiderBuyValue(let n):
            return windowSum(days, n, start, inputs.insider.filter { $0.kind == .purchase }.map { ($0.filingDate, $0.value) })
        case .insiderSellCount(let n):
            return windowSum(days, n, start, inputs.insider.filter { $0.kind == .sale }.map { ($0.filingDate, 1) })
        case .insiderSellValue(let n):
            return windowSum(days, n, start, inputs.insider.filter { $0.kind == .sale }.map { ($0.filingDate, $0.value) })
        case .insiderCSuiteBuyCount(let n):
            return windowSum(days, n, start,
                             inputs.insider.filter { $0.kind == .purchase && $0.isCSuite }.map { ($0.filingDate, 1) })
        case .redditMentions(let n):
            return windowSum(days, n, start, inputs.mentions.map { ($0.day, Double($0.mentions)) })
        case .redditMentionsChangePct(let n):
            // Mentions in the window against the N days before it; NaN when the earlier window had none.
            let current = windowSum(days, n, start, inputs.mentions.map { ($0.day, Double($0.mentions)) })
            let previous = windowSum(days.map { $0.adding(days: -n) }, n, start,
                                     inputs.mentions.map { ($0.day, Double($0.mentions)) })
            return zip(current, previous).map { cur, prev in
                prev.isNaN || cur.isNaN || prev == 0 ? .nan : (cur / prev - 1) * 100
            }
        case .redditSentiment(let n):
            let scored = inputs.mentions.compactMap { m in m.sentiment.map { (m.day, $0) } }
            let sums = windowSum(days, n, start, scored)
            let counts = windowSum(days, n, start, scored.map { ($0.0, 1) })
            return zip(sums, counts).map { sum, count in count > 0 ? sum / count : .nan }
        case .redditRank:
            return latest(days, inputs.mentions.compactMap { m in m.rank.map { (m.day, Double($0)) } })
        case .peRatio:
            return latest(days, inputs.fundamentals.compactMap { f in f.peRatio.map { (f.filingDate, $0) } })
        case .pbRatio:
            return latest(days, inputs.fundamentals.compactMap { f in f.pbRatio.map { (f.filingDate, $0) } })
        case .marketCap:
            return latest(days, inputs.fundamentals.compactMap { f in f.marketCap.map { (f.filingDate, $0) } })
        case .dividendYield:
            return latest(days, inputs.fundamentals.compactMap { f in f.dividendYield.map { (f.filingDate, $0) } })
        case .analystRatingScore:
            return latest(days, inputs.grades.compactMap { g in g.consensusScore.map { (g.day, $0) } })
        case .analystUpgrades(let n):
            return windowSum(days, n, start, inputs.grades.filter { $0.action == .upgrade }.map { ($0.day, 1) })
        default:
            return nil
        }
    }

    /// Sum of event weights whose day falls in `t-n+1 ... t`, for each t; NaN when the window starts
    /// before `coverageStart` or there is no coverage at all.
    static func windowSum(_ days: [Day], _ n: Int, _ coverageStart: Day?, _ events: [(Day, Double)]) -> [Double] {
        guard let coverageStart else { return Array(repeating: .nan, count: days.count) }
        let sorted = events.sorted { $0.0 < $1.0 }
        let eventDays = sorted.map(\.0)
        var prefix = [0.0]
        prefix.reserveCapacity(sorted.count + 1)
        for (_, w) in sorted { prefix.append(prefix[prefix.count - 1] + w) }
        return days.map { t in
            let first = t.adding(days: -(n - 1))
            guard first >= coverageStart else { return .nan }
            return prefix[upperBound(eventDays, t)] - prefix[upperBound(eventDays, first.adding(days: -1))]
        }
    }

    /// The value of the latest event on or before each day; NaN before the first.
    static func latest(_ days: [Day], _ events: [(Day, Double)]) -> [Double] {
        // Stable sort keeps the source's order among events of the same day, so the last one listed wins.
        let sorted = events.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map(\.element)
        let eventDays = sorted.map(\.0)
        return days.map { t in
            let k = upperBound(eventDays, t)
            return k == 0 ? .nan : sorted[k - 1].1
        }
    }

    /// Number of elements `<= day` in a sorted array.
    static func upperBound(_ sorted: [Day], _ day: Day) -> Int {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] <= day { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
