import Foundation

/// Finds the JSON object in a model's reply, which may wrap it in prose or a ```json fence.
enum JSONObjectExtractor {
    /// The first balanced `{…}` in the text (braces inside strings ignored), preferring a fenced block's; nil when none.
    static func firstObject(in text: String) -> String? {
        if let fenced = fencedBlock(in: text), let object = balancedObject(in: fenced) { return object }
        return balancedObject(in: text)
    }

    static func fencedBlock(in text: String) -> String? {
        guard let open = text.range(of: "```") else { return nil }
        let afterFence = text[open.upperBound...]
        let body = afterFence.drop { $0 != "\n" }
        guard let close = body.range(of: "```") else { return nil }
        return String(body[..<close.lowerBound])
    }

    static func balancedObject(in text: String) -> String? {
        let characters = Array(text)
        var start: Int?
        var depth = 0
        var inString = false
        var escaped = false
        for (index, character) in characters.enumerated() {
            if inString {
                if escaped {
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    inString = false
                }
                continue
            }
            switch character {
            case "\"" where start != nil:
                inString = true
            case "{":
                if start == nil { start = index }
                depth += 1
            case "}" where start != nil:
                depth -= 1
                if depth == 0, let first = start { return String(characters[first...index]) }
            default:
                break
            }
        }
        return nil
    }
}
