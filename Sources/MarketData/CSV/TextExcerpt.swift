import Foundation

/// A short, quoted, escaped excerpt of text read from a file, safe to show in a terminal: control characters,
/// invalid bytes and other invisible characters become `\xNN` or `\u{…}`, and the excerpt is cut to a few dozen characters.
enum TextExcerpt {
    static func escaped(_ text: some StringProtocol, limit: Int = 40) -> String {
        var out = ""
        var shown = 0
        for scalar in text.unicodeScalars {
            if shown == limit { out += "…"; break }
            shown += 1
            switch scalar {
            case "\t": out += "\\t"
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value):
                out += String(format: "\\x%02x", scalar.value)
            case _ where scalar.isASCII:
                out.unicodeScalars.append(scalar)
            default:
                switch scalar.properties.generalCategory {
                case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator:
                    out += String(format: "\\u{%x}", scalar.value)
                default:
                    // U+FFFD stands for bytes that were not valid text; show it escaped, not as a glyph.
                    out += scalar == "\u{FFFD}" ? "\\u{fffd}" : String(scalar)
                }
            }
        }
        return "\"" + out + "\""
    }
}
