/// Text on its way to a terminal, made safe: control characters from outside (strategy names, CSV lines,
/// a model's reply, file names) would otherwise move the cursor, retitle the window or hide output.
///
/// C0 and C1 controls and DEL, except newline and tab, become a visible escape such as `\x1b`. Colour
/// survives only in the exact SGR forms `RenderStyle.paint` writes (`ESC [ code m` for the codes of
/// `ANSI`, and the reset `ESC [ 0 m`), and only when the caller says colour is on; any other escape
/// sequence, and every escape with colour off, is shown as text.
package enum TerminalText {
    /// The text with every outside control made visible; `keepingColor` keeps stratchat's own SGR codes.
    package static func sanitize(_ text: String, keepingColor: Bool) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if keepingColor, scalar == "\u{1B}", let length = ownColorLength(scalars, at: index) {
                out.append(contentsOf: scalars[index..<index + length])
                index += length
                continue
            }
            if isControl(scalar) {
                out.append(contentsOf: visible(scalar).unicodeScalars)
            } else {
                out.append(scalar)
            }
            index += 1
        }
        return String(out)
    }

    /// Outside text for a place that is measured (a table cell, a wrapped line): every control made
    /// visible, no colour kept, so the width counted is the width shown.
    package static func escaped(_ text: String) -> String {
        sanitize(text, keepingColor: false)
    }

    /// C0 (U+0000–U+001F) but newline and tab, DEL, and C1 (U+0080–U+009F).
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value == 0x0A || value == 0x09 { return false }
        return value < 0x20 || (0x7F...0x9F).contains(value)
    }

    static func visible(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16)
        return "\\x" + (hex.count < 2 ? "0" + hex : hex)
    }

    /// The SGR parameters stratchat writes: every `ANSI` code and the reset.
    private static let ownCodes: Set<String> = Set(
        [ANSI.bold, .dim, .red, .green, .yellow, .cyan, .brightRed, .brightGreen].map(\.rawValue) + ["0"])

    /// The length of `ESC [ code m` at `index` when `code` is one of ours, else nil.
    private static func ownColorLength(_ scalars: [Unicode.Scalar], at index: Int) -> Int? {
        guard index + 2 < scalars.count, scalars[index + 1] == "[" else { return nil }
        var end = index + 2
        var code = ""
        while end < scalars.count, end - index < 8, scalars[end] != "m" {
            code.unicodeScalars.append(scalars[end])
            end += 1
        }
        guard end < scalars.count, scalars[end] == "m", ownCodes.contains(code) else { return nil }
        return end - index + 1
    }
}
