import Foundation

/// Compares a tool result from a replay with the recorded one, ignoring what may rightly change between
/// runs: ids (UUID-shaped strings and their 8-character prefixes) and times of day.
package enum ToolResultComparison {
    /// The differences, in words, each naming where it is; empty when the results match.
    package static func differences(recorded: TranscriptEvent, replayed: ToolOutput, limit: Int = 5) -> [String] {
        var found: [String] = []
        if (recorded.isError ?? false) != replayed.isError {
            found.append("recorded \(recorded.isError == true ? "an error" : "success"), replay gave \(replayed.isError ? "an error" : "success")")
        }
        let ids = idPrefixes(in: [recorded.content ?? "", recorded.display ?? "", replayed.modelContent, replayed.display ?? ""])
        let before = normalize(recorded.content ?? "", ids: ids)
        let after = normalize(replayed.modelContent, ids: ids)
        if before != after {
            if let old = try? AgentJSON.parse(before), let new = try? AgentJSON.parse(after) {
                found += jsonDifferences(old, new, path: "$").prefix(limit).map { "model JSON \($0)" }
            } else {
                found.append("model JSON differs: \(excerpt(before)) → \(excerpt(after))")
            }
        }
        let shownBefore = normalize(recorded.display ?? "", ids: ids)
        let shownAfter = normalize(replayed.display ?? "", ids: ids)
        if shownBefore != shownAfter {
            let oldLines = shownBefore.split(separator: "\n", omittingEmptySubsequences: false)
            let newLines = shownAfter.split(separator: "\n", omittingEmptySubsequences: false)
            let index = zip(oldLines, newLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(oldLines.count, newLines.count)
            let old = index < oldLines.count ? String(oldLines[index]) : "(no line)"
            let new = index < newLines.count ? String(newLines[index]) : "(no line)"
            found.append("display line \(index + 1): \(excerpt(old)) → \(excerpt(new))")
        }
        return found
    }

    /// Replaces ids and times with placeholders.
    package static func normalize(_ text: String, ids: Set<String> = []) -> String {
        var result = replace(uuidPattern, in: text, with: "<id>")
        result = replace(timePattern, in: result, with: "<time>")
        for prefix in ids.sorted(by: { $0.count > $1.count }) {
            result = result.replacingOccurrences(of: prefix, with: "<id>")
        }
        return result
    }

    /// The 8-character prefixes of every UUID-shaped id in the texts (displays show ids shortened).
    static func idPrefixes(in texts: [String]) -> Set<String> {
        var prefixes = Set<String>()
        for text in texts {
            let range = NSRange(text.startIndex..., in: text)
            for match in uuidPattern.matches(in: text, range: range) {
                if let found = Range(match.range, in: text) { prefixes.insert(String(text[found].prefix(8))) }
            }
        }
        return prefixes
    }

    static func jsonDifferences(_ old: AgentJSON, _ new: AgentJSON, path: String) -> [String] {
        switch (old, new) {
        case (.object(let a), .object(let b)):
            return Set(a.keys).union(b.keys).sorted().flatMap { key -> [String] in
                let child = "\(path).\(key)"
                switch (a[key], b[key]) {
                case (let x?, let y?): return jsonDifferences(x, y, path: child)
                case (nil, let y?): return ["\(child): not recorded, replay has \(excerpt(y.compactText))"]
                case (let x?, nil): return ["\(child): recorded \(excerpt(x.compactText)), missing in the replay"]
                case (nil, nil): return []
                }
            }
        case (.array(let a), .array(let b)) where a.count == b.count:
            return zip(a, b).enumerated().flatMap { jsonDifferences($1.0, $1.1, path: "\(path)[\($0)]") }
        default:
            return old == new ? [] : ["\(path): \(excerpt(old.compactText)) → \(excerpt(new.compactText))"]
        }
    }

    private static func excerpt(_ text: String) -> String {
        let line = text.replacingOccurrences(of: "\n", with: "⏎")
        return line.count > 120 ? String(line.prefix(120)) + "…" : line
    }

    private static func replace(_ pattern: NSRegularExpression, in text: String, with template: String) -> String {
        pattern.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: template)
    }

    private static let uuidPattern = try! NSRegularExpression(
        pattern: "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
    /// A date with a time of day: `2026-11-26T15:04:05.123Z`, `2026-11-26 15:04 UTC`.
    private static let timePattern = try! NSRegularExpression(
        pattern: #"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}| UTC)?"#)
}
