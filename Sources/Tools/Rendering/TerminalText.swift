/// Text on its way to a terminal, made safe: control characters from outside (strategy names, CSV lines,
/// a model's reply, file names) would otherwise move the cursor, retitle the window or hide output.
///
/// C0 and C1 controls and DEL, except newline and tab, become a visible escape such as `\x1b`. Colour comes
/// only from spans `RenderStyle.paint` marked out of band (`StyleMarks`), and only when the caller says colour
/// is on; every escape sequence in the text itself is shown as text, even one spelling one of our own codes.
package enum TerminalText {
    /// The text with every control made visible; `keepingColor` turns the program's own styling into SGR codes
    /// (otherwise it is dropped).
    package static func sanitize(_ text: String, keepingColor: Bool) -> String {
        StyleMarks.terminal(text, color: keepingColor)
    }

    /// Outside text for a place that is measured (a table cell, a wrapped line): every control made
    /// visible, no colour kept, so the width counted is the width shown.
    package static func escaped(_ text: String) -> String {
        sanitize(text, keepingColor: false)
    }
}

/// The program's own styling (colour and weight), marked out of band, so that no outside text can pass for it.
///
/// A styled span is written between marks made of private-use characters that start with a key drawn at random
/// when the process starts. Outside text (a strategy name, a model's reply, a CSV line, a file name) cannot hold
/// the key, so only text the program painted is ever styled. Where text leaves for a terminal (`terminal`), a
/// mark becomes its SGR code when colour is on and nothing when it is off, and every control character, ESC
/// included, is shown as a visible escape such as `\x1b`: an `ESC [ 32 m` spelt inside a name is shown as text,
/// exactly like a cursor move.
///
/// A transcript keeps what the terminal was shown (`recorded`: the program's styling as SGR codes, every outside
/// control already visible), and a replay turns those codes back into marks (`replayed`).
package enum StyleMarks {
    /// The SGR parameters a mark can carry: the reset, then each code the program paints with.
    package static let codes = ["0", "1", "2", "31", "32", "33", "36", "1;91", "1;92"]

    /// The mark that starts a span in `code` (one of `codes`).
    package static func open(_ code: String) -> String {
        let index = codes.firstIndex(of: code) ?? 0
        var mark = String.UnicodeScalarView(key)
        mark.append(Unicode.Scalar(codeBase + UInt32(index))!)
        return String(mark)
    }

    /// The mark that ends every span.
    package static let reset = open("0")

    /// `text` for a terminal: marks as SGR codes with `color`, else dropped; every control character but newline
    /// and tab (C0, DEL, C1) shown as `\xNN`.
    package static func terminal(_ text: String, color: Bool) -> String {
        guard text.unicodeScalars.contains(where: { isControl($0) || $0 == key[0] }) else { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            if let code = mark(in: scalars, at: index) {
                if color { out.append(contentsOf: sgr(code).unicodeScalars) }
                index += key.count + 1
                continue
            }
            let scalar = scalars[index]
            if isControl(scalar) {
                out.append(contentsOf: visible(scalar).unicodeScalars)
            } else {
                out.append(scalar)
            }
            index += 1
        }
        return String(out)
    }

    /// `text` without the program's styling, as it is measured or written to a file.
    package static func strip(_ text: String) -> String {
        guard text.unicodeScalars.contains(key[0]) else { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            if mark(in: scalars, at: index) != nil {
                index += key.count + 1
            } else {
                out.append(scalars[index])
                index += 1
            }
        }
        return String(out)
    }

    /// What a colour terminal is shown for `text`, to keep in a transcript.
    package static func recorded(_ text: String) -> String {
        terminal(text, color: true)
    }

    /// A recorded text with the program's SGR codes (the exact forms `recorded` writes) turned back into marks.
    /// A transcript the program wrote holds no other raw escape: `recorded` made every outside one visible.
    package static func replayed(_ text: String) -> String {
        guard text.unicodeScalars.contains("\u{1B}") else { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            if let (code, length) = sgr(in: scalars, at: index) {
                out.append(contentsOf: open(code).unicodeScalars)
                index += length
            } else {
                out.append(scalars[index])
                index += 1
            }
        }
        return String(out)
    }

    /// C0 (U+0000–U+001F) but newline and tab, DEL, and C1 (U+0080–U+009F).
    package static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value == 0x0A || value == 0x09 { return false }
        return value < 0x20 || (0x7F...0x9F).contains(value)
    }

    /// A control character as the text `\xNN`.
    package static func visible(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16)
        return "\\x" + (hex.count < 2 ? "0" + hex : hex)
    }

    // MARK: - Marks

    /// Supplementary Private Use Area-A: a mark's key scalars and its code scalar come from here.
    private static let codeBase: UInt32 = 0xF_0000

    /// Three scalars (48 random bits), fixed for the life of the process.
    private static let key: [Unicode.Scalar] = {
        var generator = SystemRandomNumberGenerator()
        return (0..<3).map { _ in Unicode.Scalar(codeBase + UInt32.random(in: 0...0xFFFD, using: &generator))! }
    }()

    /// The code of the mark at `index`, or nil when none starts there.
    private static func mark(in scalars: [Unicode.Scalar], at index: Int) -> String? {
        guard scalars[index] == key[0], index + key.count < scalars.count,
              scalars[index..<index + key.count].elementsEqual(key) else { return nil }
        let code = Int(scalars[index + key.count].value) - Int(codeBase)
        return codes.indices.contains(code) ? codes[code] : nil
    }

    private static func sgr(_ code: String) -> String { "\u{1B}[\(code)m" }

    /// The code and length of one of the program's SGR codes (`ESC [ code m`) at `index`, or nil.
    private static func sgr(in scalars: [Unicode.Scalar], at index: Int) -> (String, Int)? {
        guard scalars[index] == "\u{1B}", index + 2 < scalars.count, scalars[index + 1] == "[" else { return nil }
        var end = index + 2
        var code = ""
        while end < scalars.count, end - index < 8, scalars[end] != "m" {
            code.unicodeScalars.append(scalars[end])
            end += 1
        }
        guard end < scalars.count, scalars[end] == "m", codes.contains(code) else { return nil }
        return (code, end - index + 1)
    }
}
