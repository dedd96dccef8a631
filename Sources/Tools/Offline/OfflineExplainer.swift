import AgentLoop
import Foundation

/// Writes the offline model's comments on tool results from templates.
///
/// The one rule: every number in the text is copied from the result's JSON (already rounded there), never
/// computed or rounded again here, so the text cannot state a figure the tools did not produce.
struct OfflineExplainer {
    /// Strategies the conversation knows, to name one an error result refers to by id.
    var known: [OfflineTranscript.KnownStrategy] = []

    func explain(_ exchange: OfflineTranscript.Exchange) -> String {
        let json = exchange.json
        if !exchange.succeeded { return error(exchange) }
        switch exchange.tool {
        case .createTradingStrategy: return json["created"] == .bool(true) ? created(json) : unresolved(json, verb: "create it")
        case .refineStrategy: return json["question"] != nil ? unresolved(json, verb: "change it") : refined(json)
        case .backtestStrategy: return backtest(json)
        case .getStrategySignals: return signals(json)
        case .compareStrategies: return leaderboard(json)
        case .listUserStrategies: return list(json)
        case .getStrategy: return show(json)
        case .setStrategyActive: return activity(json)
        case .deleteStrategy: return "Deleted \"\(text(json["name"]))\" with its versions, backtests and signals."
        case .revertStrategy: return reverted(json)
        case .optimizeStrategy: return text(json["note"]) + " To keep the best variant as a new version, run the same sweep with /optimize and the word save."
        case .recordSignalAction, nil: return "Done: \(exchange.call.name) finished."
        }
    }

    // MARK: - Strategies

    /// The rules in a sentence, and what the person can do next. The tool's own display, shown just above,
    /// already lists the rules, the filled-in values and the data line by line, so they are not repeated.
    func created(_ json: AgentJSON) -> String {
        let timeframe = text(json["timeframe"]).replacingOccurrences(of: "_", with: "-")
        var lines = ["Created \"\(text(json["name"]))\" (id \(shortId(json)), v\(number(json["version"]))), a \(timeframe) strategy that "
            + rulesSentence(json) + "."]
        if !strings(json["assumptions"]).isEmpty {
            lines.append("What you didn't say is filled in as listed above; name any of it to change it, for example \"tighten the stop\".")
        }
        lines += syntheticLines(json)
        return lines.joined(separator: "\n")
    }

    func refined(_ json: AgentJSON) -> String {
        let name = text(json["name"])
        guard json["changed"] == .bool(true) else {
            return "That left \"\(name)\" as it was (still v\(number(json["version"]))): nothing in the request changed a rule. "
                + "Name the rule and the new value, for example \"set the stop loss to\" a percentage."
        }
        let changes = ruleChanges(json)
        var lines = ["Updated \"\(name)\" from v\(number(json["previous_version"])) to v\(number(json["version"]))"
            + (changes.isEmpty ? "." : ": " + changes.joined(separator: "; ") + ".")]
        lines.append("It now " + rulesSentence(json) + ".")
        if !strings(json["assumptions"]).isEmpty { lines.append("Values the change needed and you didn't give are filled in as listed above.") }
        lines += syntheticLines(json)
        return lines.joined(separator: "\n")
    }

    /// "buys when RSI(14) < 30, sells on 8% stop loss OR …, and puts 5% of portfolio in each position",
    /// from the summary lines the tools write ("Entry: …", "Exit: …", "Position size: …").
    func rulesSentence(_ json: AgentJSON) -> String {
        var parts: [String] = []
        for line in strings(json["summary"]) {
            let pieces = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pieces.count == 2 else { continue }
            switch pieces[0] {
            case "Entry": parts.append("buys when \(pieces[1])")
            case "Exit": parts.append("sells on \(pieces[1])")
            case "Position size": parts.append("puts \(pieces[1]) in each position")
            default: parts.append(line)
            }
        }
        guard parts.count > 1, let last = parts.popLast() else { return parts.joined() }
        return parts.joined(separator: ", ") + ", and " + last
    }

    func reverted(_ json: AgentJSON) -> String {
        let name = text(json["name"])
        guard json["changed"] == .bool(true) else {
            return "\"\(name)\" already matched v\(number(json["restored_version"])), so nothing changed."
        }
        var lines = ["Restored \"\(name)\" to the rules of v\(number(json["restored_version"])), saved as v\(number(json["version"])) so the history stays:"]
        lines += changeLines(json)
        return lines.joined(separator: "\n")
    }

    /// Nothing was stored: the parser's problems and its question, passed on as they are.
    func unresolved(_ json: AgentJSON, verb: String) -> String {
        var lines: [String] = []
        let problems = strings(json["problems"])
        lines.append(problems.isEmpty ? "I couldn't \(verb) yet." : "I couldn't \(verb) yet: " + problems.joined(separator: "; ") + ".")
        if let question = json["question"]?.stringValue { lines.append(question) }
        return lines.joined(separator: "\n")
    }

    func list(_ json: AgentJSON) -> String {
        let items = json["strategies"]?.arrayValue ?? []
        let scope = json["active_only"] == .bool(true) ? "active strategies" : "strategies"
        guard !items.isEmpty else {
            return "You have no \(scope) yet. Describe one in plain words, for example \"buy when insiders are buying and RSI is oversold\"."
        }
        var lines = ["Your \(scope):"]
        for item in items {
            var line = "  • \(text(item["name"])) (id \(String(text(item["strategy_id"]).prefix(8))), v\(number(item["version"])), \(text(item["status"])))"
            if let value = item["last_backtest_return_pct"], value != .null { line += ", last backtest \(percent(value))" }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    func show(_ json: AgentJSON) -> String {
        var lines = ["\"\(text(json["name"]))\" (id \(shortId(json)), v\(number(json["version"])), \(json["active"] == .bool(false) ? "paused" : "active")):"]
        lines += strings(json["summary"]).map { "  \($0)" }
        let versions = json["versions"]?.arrayValue ?? []
        if versions.count > 1 {
            let changes = versions.dropFirst().flatMap(ruleChanges)
            if !changes.isEmpty { lines.append("Changes so far: " + changes.joined(separator: "; ") + ".") }
        }
        if let last = json["last_backtest"], last != .null {
            lines.append("Last backtest (v\(number(last["version"])), \(text(last["start_date"])) to \(text(last["end_date"]))): "
                + "\(percent(last["total_return_pct"])), win rate \(plain(last["win_rate"]))% over \(number(last["total_trades"])) trades.")
        } else {
            lines.append("It has not been backtested yet.")
        }
        lines += syntheticLines(json)
        return lines.joined(separator: "\n")
    }

    func activity(_ json: AgentJSON) -> String {
        let name = text(json["name"])
        let status = text(json["status"])
        if json["changed"] == .bool(false) { return "\"\(name)\" was already \(status)." }
        return status == "paused"
            ? "Paused \"\(name)\": signal scans skip it, and its history is kept. Say \"resume it\" to bring it back."
            : "\"\(name)\" is active again; signal scans include it."
    }

    // MARK: - Shared pieces

    /// The rule changes; the description line follows from them and is left out.
    func ruleChanges(_ json: AgentJSON) -> [String] {
        strings(json["changes"]).filter { !$0.hasPrefix("description:") }
    }

    /// The rule changes, one bullet each.
    func changeLines(_ json: AgentJSON) -> [String] {
        ruleChanges(json).map { "  • \($0)" }
    }

    /// One line naming the fields whose data is a synthetic sample here.
    func syntheticLines(_ json: AgentJSON) -> [String] {
        let fields = strings(json["synthetic_data"]).map { String($0.prefix { $0 != ":" }) }
        guard !fields.isEmpty else { return [] }
        return ["The data for \(fields.joined(separator: ", ")) is a synthetic sample here (generated, not real), "
            + "so results on it test the mechanics, not the idea."]
    }

    func text(_ value: AgentJSON?) -> String { value?.stringValue ?? "" }

    func strings(_ value: AgentJSON?) -> [String] { value?.arrayValue?.compactMap(\.stringValue) ?? [] }

    func shortId(_ json: AgentJSON) -> String { String(text(json["strategy_id"]).prefix(8)) }

    /// A number exactly as the result holds it: no rounding, thousands grouped.
    func plain(_ value: AgentJSON?) -> String {
        guard let number = value?.numberValue, number.isFinite else { return "n/a" }
        return Self.format(number)
    }

    func number(_ value: AgentJSON?) -> String { plain(value) }

    /// "+34.21%" or "-8.4%", from a percent-point value.
    func percent(_ value: AgentJSON?) -> String {
        guard let number = value?.numberValue, number.isFinite else { return "n/a" }
        return (number > 0 ? "+" : "") + Self.format(number) + "%"
    }

    /// "$12,345.60" or "$100,000" from a dollar value, signed when asked: cents are written with two digits
    /// (a trailing zero the JSON dropped is put back), and whole dollars without any.
    func dollars(_ value: AgentJSON?, signed: Bool = false) -> String {
        guard let number = value?.numberValue, number.isFinite else { return "n/a" }
        let sign = number < 0 ? "-" : signed && number > 0 ? "+" : ""
        var text = Self.format(abs(number))
        if let point = text.firstIndex(of: "."), text.distance(from: point, to: text.endIndex) == 2 { text += "0" }
        return sign + "$" + text
    }

    /// The shortest decimal text of `value` (as JSON printed it), with the integer part grouped by thousands.
    static func format(_ value: Double) -> String {
        var raw = AgentJSON.number(value).compactText
        if raw.contains("e") { return raw }
        let negative = raw.hasPrefix("-")
        if negative { raw.removeFirst() }
        let parts = raw.split(separator: ".", maxSplits: 1).map(String.init)
        var integer = parts[0]
        var grouped = ""
        while integer.count > 3 {
            grouped = "," + integer.suffix(3) + grouped
            integer = String(integer.dropLast(3))
        }
        grouped = integer + grouped
        return (negative ? "-" : "") + grouped + (parts.count > 1 ? "." + parts[1] : "")
    }
}
