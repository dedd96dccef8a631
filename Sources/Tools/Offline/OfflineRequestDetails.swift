import AgentLoop
import Foundation
import StrategyCore

/// The arguments a person's line carries besides its intent: dates, tickers, a universe, capital, a
/// comparison window, a minimum confidence. Read with small patterns; anything not found is left out so
/// the tool's own defaults (stated in its result) apply.
struct OfflineRequestDetails: Hashable, Sendable {
    var startDate: Day?
    var endDate: Day?
    var tickers: [String] = []
    var universe: String?
    var initialCapital: Double?
    var minConfidence: Double?
    /// One of the compare tool's windows: 7d, 30d, 90d, 1y, all.
    var timeframe: String?

    /// Words in capitals that are not tickers: indicator names and common abbreviations.
    static let notTickers: Set<String> = [
        "RSI", "MA", "SMA", "EMA", "MACD", "ATR", "BB", "PE", "PB", "EPS", "CEO", "CFO", "COO", "I", "A", "OK", "AND", "OR",
        "ETF", "USD", "YES", "NO", "IT", "ON", "UP", "DMA", "YTD", "AM", "PM", "US", "ID", "V", "TO", "THE", "IN", "S", "P",
        "K", "M", "B", "VS", "DD",
    ]

    init(line: String) {
        let lower = line.lowercased()
        readDates(lower)
        tickers = Self.tickers(in: line)
        universe = Self.universe(in: lower)
        initialCapital = Self.capital(in: lower)
        minConfidence = Self.number(after: #"confidence (?:of |above |over |at least |>=? ?)?"#, in: lower)
            ?? Self.number(after: #"min(?:imum)? confidence (?:of )?"#, in: lower)
        timeframe = Self.window(in: lower)
    }

    /// The backtest tool's arguments for this line.
    func backtestArguments(strategyId: String) -> AgentJSON {
        var object: [String: AgentJSON] = ["strategy_id": .string(strategyId)]
        if let startDate { object["start_date"] = .string(startDate.iso) }
        if let endDate { object["end_date"] = .string(endDate.iso) }
        if !tickers.isEmpty {
            object["tickers"] = .array(tickers.map(AgentJSON.string))
        } else if let universe {
            object["universe"] = .string(universe)
        }
        if let initialCapital { object["initial_capital"] = .number(initialCapital) }
        return .object(object)
    }

    /// The signals tool's arguments for this line.
    func signalArguments(strategyId: String) -> AgentJSON {
        var object: [String: AgentJSON] = ["strategy_id": .string(strategyId)]
        if let minConfidence { object["min_confidence"] = .number(min(100, max(0, minConfidence))) }
        if let universe { object["universe"] = .string(universe) }
        return .object(object)
    }

    // MARK: - Dates

    /// "from 2009-09-01 to 2010-06-30", "since 2015", "since March 2020", "in 2020", "2015 to 2020", "until 2019".
    private mutating func readDates(_ text: String) {
        let date = #"(\d{4}-\d{2}-\d{2}|(?:[a-z]{3,9} )?(?:19|20)\d{2})\b"#
        if let match = Self.groups(#"(?:from|between) "# + date + #" (?:to|and|until|till|through|-) "# + date, in: text)
            ?? Self.groups(date + #" (?:to|until|through|-) "# + date, in: text) {
            startDate = Self.day(match[0], end: false)
            endDate = Self.day(match[1], end: true)
            return
        }
        if let match = Self.groups(#"(?:since|from|starting|after) "# + date, in: text) {
            startDate = Self.day(match[0], end: false)
        }
        if let match = Self.groups(#"(?:until|till|through|to|before|ending) "# + date, in: text) {
            endDate = Self.day(match[0], end: true)
        }
        if startDate == nil, endDate == nil, let match = Self.groups(#"(?:in|during|for) (\d{4})\b"#, in: text) {
            startDate = Self.day(match[0], end: false)
            endDate = Self.day(match[0], end: true)
        }
    }

    static let months = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                         "october", "november", "december"]

    /// A date, a year, or "month year"; a year alone is its first day, or its last when it ends a range.
    static func day(_ text: String, end: Bool) -> Day? {
        if let day = Day(iso: text) { return day }
        let parts = text.split(separator: " ").map(String.init)
        guard let year = Int(parts.last ?? ""), (1900...2100).contains(year) else { return nil }
        if parts.count == 2 {
            guard let month = months.firstIndex(where: { $0.hasPrefix(parts[0]) && parts[0].count >= 3 }).map({ $0 + 1 }) else {
                return end ? Day(year: year, month: 12, day: 31) : Day(year: year, month: 1, day: 1)
            }
            guard end else { return Day(year: year, month: month, day: 1) }
            let next = month == 12 ? Day(year: year + 1, month: 1, day: 1) : Day(year: year, month: month + 1, day: 1)
            return next?.adding(days: -1)
        }
        return end ? Day(year: year, month: 12, day: 31) : Day(year: year, month: 1, day: 1)
    }

    // MARK: - Tickers, universe, money, windows

    /// "AAPL and MSFT", "$TSLA", "^GSPC": capitalised words of one to five letters that are not indicator names.
    static func tickers(in line: String) -> [String] {
        var found: [String] = []
        let pattern = #"(?<![A-Za-z0-9])[\$\^]?[A-Z]{1,5}(?:[.\-][A-Z])?(?![A-Za-z0-9])"#
        for match in matches(pattern, in: line) {
            let ticker = match.hasPrefix("$") ? String(match.dropFirst()) : match
            if ticker.count >= 2 || match.hasPrefix("$"), !notTickers.contains(ticker), !found.contains(ticker) {
                found.append(ticker)
            }
        }
        return found
    }

    /// "on the sample universe", "universe sp500".
    static func universe(in text: String) -> String? {
        if let match = groups(#"universe (?:called |named )?"?([a-z0-9_\-]+)"#, in: text), !["of", "and", "with"].contains(match[0]) {
            return match[0]
        }
        if let match = groups(#"(?:on|in|over|across) (?:the |my )?"?([a-z0-9_\-]+)"? universe"#, in: text) { return match[0] }
        return nil
    }

    /// "$50k", "with 250,000 capital", "starting with $1M".
    static func capital(in text: String) -> Double? {
        guard let match = groups(#"(?:with|capital of|starting with|start with) \$?(\d[\d,]*(?:\.\d+)?)\s?(k|m)?\b(?: (?:capital|dollars|starting))?"#, in: text),
              text.contains("$") || text.contains("capital") || text.contains("dollars")
        else { return nil }
        guard var value = Double(match[0].replacingOccurrences(of: ",", with: "")) else { return nil }
        if match.count > 1 { value *= match[1] == "k" ? 1_000 : match[1] == "m" ? 1_000_000 : 1 }
        return value > 0 ? value : nil
    }

    /// The compare tool's window from words: "this week", "last 30 days", "past quarter", "this year", "all time".
    static func window(in text: String) -> String? {
        if text.contains("all time") || text.contains("ever") { return "all" }
        if let match = groups(#"(\d+) (day|days|week|weeks|month|months|year|years)\b"#, in: text), let count = Int(match[0]) {
            let days = match[1].hasPrefix("day") ? count : match[1].hasPrefix("week") ? count * 7
                : match[1].hasPrefix("month") ? count * 30 : count * 365
            return days <= 7 ? "7d" : days <= 30 ? "30d" : days <= 90 ? "90d" : days <= 365 ? "1y" : "all"
        }
        if text.contains("week") { return "7d" }
        if text.contains("month") { return "30d" }
        if text.contains("quarter") { return "90d" }
        if text.contains("year") { return "1y" }
        return nil
    }

    static func number(after prefix: String, in text: String) -> Double? {
        groups(prefix + #"(\d+(?:\.\d+)?)"#, in: text).flatMap { Double($0[0]) }
    }

    // MARK: - Regular expressions

    /// The capture groups of the first match (groups that did not take part are left out).
    static func groups(_ pattern: String, in text: String) -> [String]? {
        guard let regex = try? NSRegularExpression(pattern: pattern),
              let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text))
        else { return nil }
        return (1..<match.numberOfRanges).compactMap { index in
            Range(match.range(at: index), in: text).map { String(text[$0]) }
        }
    }

    static func matches(_ pattern: String, in text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range, in: text).map { String(text[$0]) }
        }
    }
}
