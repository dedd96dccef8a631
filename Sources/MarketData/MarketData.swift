import Foundation
import Basics
import StrategyCore

/// The one door to market data: resolves universes, fetches bars and builds alternative-data columns
/// from the configured sources, stating plainly what is missing or synthetic.
///
/// Sources are asked in order (put live, real sources before the embedded one): the first that holds a
/// ticker serves its prices, except that a named universe ("sample") keeps its own source's prices, and the
/// first that holds a ticker and covers a kind of alternative data serves that kind, so real data beats the
/// synthetic sample. A source never fills in for one that failed: its error is thrown.
package struct MarketData: Sendable {
    package let sources: [any MarketDataSource]

    package init(sources: [any MarketDataSource]) {
        self.sources = sources
    }

    /// The default with no key and no network: the embedded sets (the cross-section first, so a ticker alone
    /// means its 2009-2010 bars as before; the long history by its universe's name), plus any imported data.
    package static func offline(storage: (any BarStorage)? = nil) throws -> MarketData {
        var sources: [any MarketDataSource] = [try EmbeddedSource.shared(), try EmbeddedSource.longHistory()]
        if let storage { sources += try StoredBarsSource.all(in: storage) }
        return MarketData(sources: sources)
    }

    /// The caveat shown with the sample universe.
    package static let sampleSurvivorshipNote =
        "\"sample\" is the S&P 500 membership of 2009-2010 as listed then; returns carry survivorship bias toward stocks that were in the index."

    /// Resolves "sample", "MSFT", "^GSPC", "AAPL,MSFT", a source's name ("embedded", an imported folder) or "sp500".
    package func resolve(universe text: String) throws -> ResolvedUniverse {
        let name = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw MarketDataError.unknownUniverse(text, suggestion: "sample") }
        // A source's name means all its tickers, unless it names a universe of its own ("long-history": the stocks,
        // without the benchmark index).
        if let source = sources.first(where: { $0.info.name.lowercased() == name.lowercased() }),
           source.info.universes[source.info.name] == nil {
            return ResolvedUniverse(name: name, members: source.info.tickers.map { .init(ticker: $0, source: source.info.name) }, notes: [])
        }
        for exactCase in [true, false] {
            for source in sources {
                let key = source.info.universes.keys.first { exactCase ? $0 == name : $0.lowercased() == name.lowercased() }
                if let key, let tickers = source.info.universes[key] {
                    // A single-ticker set ("MSFT", "^GSPC") is that ticker, served by the first source that holds
                    // it: with FMP on, today's prices rather than the embedded history.
                    if tickers == [key.uppercased()], let owner = owner(of: tickers[0]), owner != source.info.name {
                        return ResolvedUniverse(name: key, members: [.init(ticker: tickers[0], source: owner)], notes: [])
                    }
                    let own = source.info.coverage(of: .prices) != nil
                    let members = tickers.map { ResolvedUniverse.Member(ticker: $0, source: own ? source.info.name : owner(of: $0) ?? source.info.name) }
                    return ResolvedUniverse(name: key, members: members, notes: key == "sample" ? [Self.sampleSurvivorshipNote] : [])
                }
            }
        }
        if name.lowercased() == "sp500" {
            throw MarketDataError.sourceUnavailable(
                "The \"sp500\" universe (today's S&P 500 list from Financial Modeling Prep)",
                fix: "Set FMP_API_KEY to use it, or use \"sample\" (524 members from 2009-2010) offline.")
        }
        let tickers = try name.split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" })
            .map { word throws(Ticker.Invalid) in try Ticker.validate(String(word)) }
        var members: [ResolvedUniverse.Member] = []
        for ticker in tickers where !members.contains(where: { $0.ticker == ticker }) {
            guard let source = owner(of: ticker) else {
                let known = sources.flatMap { $0.info.tickers + Array($0.info.universes.keys) + [$0.info.name] }
                throw MarketDataError.unknownUniverse(ticker, suggestion: EditDistance.closest(to: ticker, in: known))
            }
            members.append(.init(ticker: ticker, source: source))
        }
        return ResolvedUniverse(name: name, members: members, notes: [])
    }

    /// The benchmark for a universe: from the universe's own source when that source holds it over the tested
    /// `period` (the long history has the S&P 500 through 2022; the cross-section's 1999-2018 serves its own
    /// 2009-2010), else the benchmark as typed alone resolves (`owner(of:)`).
    package func resolveBenchmark(_ ticker: String, for universe: ResolvedUniverse, over period: ClosedRange<Day>? = nil) throws
        -> ResolvedUniverse {
        let symbol = ticker.trimmingCharacters(in: .whitespaces).uppercased()
        for name in Set(universe.members.map(\.source)).sorted() {
            guard let source = sources.first(where: { $0.info.name == name }), source.info.tickers.contains(symbol),
                  !source.info.acceptsAnyTicker else { continue }
            let span = source.priceSpan(ticker: symbol)
            if let period, let span, span.lowerBound > period.lowerBound || span.upperBound < period.upperBound { continue }
            return ResolvedUniverse(name: symbol, members: [.init(ticker: symbol, source: name)], notes: [])
        }
        return try resolve(universe: ticker)
    }

    /// The name of the source serving a ticker's prices: the first that holds them, except that an index the
    /// embedded sets both hold comes from the longest history of it. An index level is never adjusted, so the
    /// long history's `^GSPC` holds the cross-section's 1999-2018 bars and adds 1990-1998 and 2019-2022.
    package func owner(of ticker: String) -> String? {
        let holders = sources.filter { $0.info.holds(ticker) && $0.info.coverage(of: .prices) != nil }
        guard let first = holders.first else { return nil }
        guard ticker.hasPrefix("^"), first is EmbeddedSource else { return first.info.name }
        let embedded = holders.filter { $0 is EmbeddedSource }.compactMap { source in
            source.priceSpan(ticker: ticker).map { (name: source.info.name, days: $0.lowerBound.days(to: $0.upperBound)) }
        }
        return embedded.max { $0.days < $1.days }?.name ?? first.info.name
    }

    /// Bars for every member, from its own source, within `from...to`.
    package func bars(for universe: ResolvedUniverse, from: Day? = nil, to: Day? = nil) async throws -> [PriceSeries] {
        var byTicker: [String: PriceSeries] = [:]
        for source in sources {
            let wanted = universe.members.filter { $0.source == source.info.name }.map(\.ticker)
            guard !wanted.isEmpty else { continue }
            for series in try await source.bars(tickers: wanted, from: from, to: to) { byTicker[series.ticker] = series }
        }
        return universe.tickers.compactMap { byTicker[$0] }
    }

    /// Columns for the alternative-data fields among `fields` (others are ignored), aligned with each series.
    package func externalColumns(fields: [Field], series: [PriceSeries]) async throws -> ExternalData {
        let alt = Array(Set(fields.filter { DataKind(family: $0.family).map { $0 != .prices } ?? false })).sorted { $0.name < $1.name }
        guard !alt.isEmpty else { return ExternalData() }
        var result = ExternalData()
        for s in series where s.isEmpty {
            result.columns[s.ticker] = Dictionary(uniqueKeysWithValues: alt.map { ($0.name, FieldColumn()) })
        }
        let series = series.filter { !$0.isEmpty }
        guard let first = series.compactMap(\.firstDay).min(), let last = series.compactMap(\.lastDay).max() else { return result }
        let kinds = Set(alt.compactMap { DataKind(family: $0.family) })
        // Look back far enough for the longest window twice over (change vs the window before) and a year of reports.
        let longest = alt.map(Self.window).max() ?? 0
        let fetchFrom = first.adding(days: -(2 * longest + 400))

        var inputs: [String: AltFieldColumns.Inputs] = [:]
        var servedBy: [DataKind: [String: any MarketDataSource]] = [:]
        for kind in kinds {
            for s in series {
                if let source = sources.first(where: { $0.info.holds(s.ticker) && $0.coverageStart(kind: kind, ticker: s.ticker) != nil }) {
                    servedBy[kind, default: [:]][s.ticker] = source
                }
            }
        }
        for s in series { inputs[s.ticker] = AltFieldColumns.Inputs() }
        for kind in kinds {
            let assignments = servedBy[kind] ?? [:]
            for source in sources {
                let tickers = assignments.filter { $0.value.info.name == source.info.name }.keys.sorted()
                guard !tickers.isEmpty else { continue }
                try await load(kind, from: source, tickers: tickers, fetchFrom, last, into: &inputs)
                for t in tickers { inputs[t]?.coverageStart[kind.family] = source.coverageStart(kind: kind, ticker: t) }
            }
        }

        for s in series {
            var perField: [String: FieldColumn] = [:]
            for field in alt {
                let column = servedBy[DataKind(family: field.family)!]?[s.ticker] == nil
                    ? FieldColumn(repeating: .nan, count: s.count)
                    : AltFieldColumns.column(field, days: s.days, inputs: inputs[s.ticker]!) ?? FieldColumn(repeating: .nan, count: s.count)
                perField[field.name] = column
            }
            result.columns[s.ticker] = perField
        }
        result.warnings = warnings(alt, series, servedBy, result.columns, first, last)
        for field in alt {
            let kind = DataKind(family: field.family)!
            let synthetic = (servedBy[kind] ?? [:]).values.contains { $0.info.isSynthetic(kind) }
            if synthetic {
                result.syntheticLabels.append(SyntheticAltData.note(field: field.name, detail: "generated, not real \(kind.noun) data"))
            }
        }
        return result
    }

    /// Columns for the alternative-data fields among names as strategies store them; names outside the
    /// vocabulary are left to strategy validation, which reports them.
    package func externalColumns(fieldNames: [String], series: [PriceSeries]) async throws -> ExternalData {
        try await externalColumns(fields: fieldNames.compactMap(Field.init(name:)), series: series)
    }

    /// Columns for every alternative-data field a strategy's conditions read.
    package func externalColumns(for strategy: TradingStrategy, series: [PriceSeries]) async throws -> ExternalData {
        try await externalColumns(fieldNames: strategy.fieldsUsed, series: series)
    }

    /// The first source that holds this kind of data: the one a strategy's field is read from by default.
    package func servingSource(_ kind: DataKind) -> SourceInfo? {
        sources.first { $0.info.coverage(of: kind) != nil }?.info
    }

    /// One note per alternative-data field of the strategy whose data comes from a synthetic source by default:
    /// "insider_buy_count_30d: synthetic sample (embedded data set; generated, not real insider trading data)".
    package func syntheticNotes(for strategy: TradingStrategy) -> [String] {
        strategy.fieldsUsed.compactMap(Field.init(name:)).compactMap { field in
            guard let kind = DataKind(family: field.family), kind != .prices,
                  let source = servingSource(kind), source.isSynthetic(kind)
            else { return nil }
            return SyntheticAltData.note(field: field.name, detail: "\(source.name) data set; generated, not real \(kind.noun) data")
        }
    }

    /// What each source holds, for `stratchat data info`.
    package func dataInfo() -> DataInfoReport {
        DataInfoReport(sources: sources.map(\.info))
    }

    static func window(_ field: Field) -> Int {
        switch field {
        case .insiderBuyCount(let d), .insiderBuyValue(let d), .insiderSellCount(let d), .insiderSellValue(let d),
             .insiderCSuiteBuyCount(let d), .redditMentions(let d), .redditMentionsChangePct(let d),
             .redditSentiment(let d), .analystUpgrades(let d): d
        default: 0
        }
    }

    private func load(_ kind: DataKind, from source: any MarketDataSource, tickers: [String], _ from: Day, _ to: Day,
                      into inputs: inout [String: AltFieldColumns.Inputs]) async throws {
        switch kind {
        case .insider:
            for f in try await source.insiderFilings(tickers: tickers, from: from, to: to) { inputs[f.ticker]?.insider.append(f) }
        case .mentions:
            for m in try await source.mentions(tickers: tickers, from: from, to: to) { inputs[m.ticker]?.mentions.append(m) }
        case .fundamentals:
            for f in try await source.fundamentals(tickers: tickers, from: from, to: to) { inputs[f.ticker]?.fundamentals.append(f) }
        case .analyst:
            for g in try await source.analystGrades(tickers: tickers, from: from, to: to) { inputs[g.ticker]?.grades.append(g) }
        case .prices:
            break
        }
    }

    private func warnings(_ fields: [Field], _ series: [PriceSeries], _ servedBy: [DataKind: [String: any MarketDataSource]],
                          _ columns: ExternalColumns, _ first: Day, _ last: Day) -> [String] {
        var out: [String] = []
        func add(_ line: String) { if !out.contains(line) { out.append(line) } }
        let range = "\(first.iso) … \(last.iso)"
        for field in fields {
            let kind = DataKind(family: field.family)!
            let served = servedBy[kind] ?? [:]
            let unserved = series.map(\.ticker).filter { served[$0] == nil }
            if !unserved.isEmpty {
                let names = unserved.prefix(8).joined(separator: ", ") + (unserved.count > 8 ? " …" : "")
                add("\(kind.noun) data: no source holds it for \(unserved.count) of \(series.count) tickers (\(names)); \(field.name) has no value there")
            }
            let servedSeries = series.filter { served[$0.ticker] != nil }
            guard !servedSeries.isEmpty else { continue }
            let anyValue = servedSeries.contains { s in columns[s.ticker]?[field.name]?.contains { !$0.isNaN } ?? false }
            if !anyValue {
                add("\(field.name): \(kind.noun) data: none for these dates (\(range))")
                continue
            }
            let starts = servedSeries.compactMap { s in served[s.ticker]?.coverageStart(kind: kind, ticker: s.ticker).map { ($0, s.firstDay!) } }
            if let late = starts.filter({ $0.0 > $0.1 }).map(\.0).max() {
                add("\(kind.noun) data: no data before \(late.iso); \(field.name) has no value before then")
            }
        }
        return out
    }
}
