import Foundation

/// Indicator columns computed once per ticker and shared by every strategy read over the same bars, so a
/// scan of many strategies that all read `rsi_14` computes it once per ticker rather than once per strategy.
///
/// Only columns computed from the bars are kept (alternative-data and portfolio columns come with the data).
/// A column is kept under its ticker, bar count and last day, so a changed series never reads a stale column.
/// Safe to share between threads.
package final class SharedColumns: @unchecked Sendable {
    private struct Key: Hashable {
        let ticker: String
        let count: Int
        let last: Int32
        let field: Field
    }

    /// A strategy's fields over one series: strategies reading the same fields share one dictionary of columns.
    private struct SetKey: Hashable {
        let ticker: String
        let count: Int
        let last: Int32
        let fields: [Field]
    }

    /// Which bars a series holds, as far as its columns depend on them.
    private struct Span: Equatable {
        let ticker: String
        let count: Int
        let last: Int32

        init(_ series: PriceSeries) {
            ticker = series.ticker
            count = series.count
            last = series.lastDay?.serial ?? 0
        }
    }

    private let lock = NSLock()
    private var columns: [Key: [Double]] = [:]
    private var sets: [SetKey: [Field: [Double]]] = [:]
    /// Per field set, the column sets of the last list of series asked for, with that list's spans.
    private var lists: [[Field]: (spans: [Span], sets: [[Field: [Double]]])] = [:]

    package init() {}

    /// The column of `field` over `series`, computed on first use; nil when it is not computed from bars.
    func column(_ field: Field, series: PriceSeries) -> [Double]? {
        let key = Key(ticker: series.ticker, count: series.count, last: series.lastDay?.serial ?? 0, field: field)
        if let held = lock.withLock({ columns[key] }) { return held }
        guard let column = IndicatorEngine.column(field, series: series) else { return nil }
        lock.withLock { columns[key] = column }
        return column
    }

    /// The columns of those `fields` that are computed from bars, by field (the others are left out), built on
    /// first use and kept, so every strategy reading the same fields over `series` gets the same dictionary.
    func columns(_ fields: [Field], series: PriceSeries) -> [Field: [Double]] {
        let key = SetKey(ticker: series.ticker, count: series.count, last: series.lastDay?.serial ?? 0, fields: fields)
        if let held = lock.withLock({ sets[key] }) { return held }
        var out: [Field: [Double]] = [:]
        for field in fields {
            if let column = column(field, series: series) { out[field] = column }
        }
        lock.withLock { sets[key] = out }
        return out
    }

    /// `columns(fields, series:)` for each series of `list`, in order. The answer for a field set is kept with
    /// the list's tickers, bar counts and last days, so many strategies reading the same fields over the same
    /// bars get every ticker's columns with one lookup, and a list that differs in any of them is built afresh.
    func columns(_ fields: [Field], list: [PriceSeries]) -> [[Field: [Double]]] {
        let spans = list.map(Span.init)
        if let held = lock.withLock({ lists[fields] }), held.spans == spans { return held.sets }
        let built = list.map { columns(fields, series: $0) }
        lock.withLock { lists[fields] = (spans, built) }
        return built
    }
}
