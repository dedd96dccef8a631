import Tools

/// Breaks streamed text into lines that fit the terminal, breaking at spaces, as the text arrives.
///
/// A word is held back until the space or line break after it shows whether it still fits on the current
/// line, so a break never lands inside a word (the terminal itself would cut one anywhere). Line breaks in
/// the text are kept, and a line's leading spaces indent its continuation lines too, so an indented list
/// stays indented; after a bullet ("•", "-", "*", "!") they line up with the bullet's text. A word longer
/// than a whole line is written as it is and the terminal wraps it.
struct StreamingWrapper {
    let width: Int
    /// Columns written on the current line.
    private var column = 0
    /// Leading spaces of the current line, repeated at the start of its continuation lines.
    private var indent = 0
    /// True until the first word of the current line is written.
    private var firstWord = true
    private var spaces = 0
    private var word = ""

    static let bullets: Set<String> = ["•", "-", "*", "!"]

    init(width: Int) {
        self.width = max(20, width)
    }

    /// The part of `text` that can be written now; the rest waits for more text or `finish()`.
    mutating func feed(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\n", "\r\n":
                out += emitWord()
                out += "\n"
                column = 0
                indent = 0
                spaces = 0
                firstWord = true
            case " " where firstWord && word.isEmpty:  // leading spaces: the line's indent
                indent += 1
                column += 1
                out += " "
            case " ":
                out += emitWord()
                spaces += 1
            default:
                word.append(character)
            }
        }
        return out
    }

    /// Whatever is held back, at the end of the text.
    mutating func finish() -> String {
        let out = emitWord()
        spaces = 0
        return out
    }

    /// Writes the held word after the held spaces, or on a new (indented) line when it would not fit.
    private mutating func emitWord() -> String {
        guard !word.isEmpty else { return "" }
        defer { word = "" }
        let length = ANSI.strip(word).count  // colour codes take no columns
        if column + spaces + length <= width || column <= indent {
            let out = String(repeating: " ", count: spaces) + word
            column += spaces + length
            spaces = 0
            if firstWord, Self.bullets.contains(word) { indent = column + 1 }
            firstWord = false
            return out
        }
        spaces = 0
        column = indent + length
        return "\n" + String(repeating: " ", count: indent) + word
    }
}

extension StreamingWrapper {
    /// A whole text fitted to `width`: prose lines wider than it are broken at spaces, while drawn lines
    /// (tables, charts, heat maps) keep their shape, since breaking a row would scatter its columns.
    static func fit(_ text: String, width: Int) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard ANSI.strip(String(line)).count > width, !isDrawn(line) else { return String(line) }
            var wrapper = StreamingWrapper(width: width)
            return wrapper.feed(String(line)) + wrapper.finish()
        }.joined(separator: "\n")
    }

    /// A line drawn with box, block or braille characters, or an ASCII table row or rule.
    static func isDrawn(_ line: Substring) -> Bool {
        let trimmed = line.drop { $0 == " " }
        if trimmed.hasPrefix("|") || trimmed.hasPrefix("+-") { return true }
        return line.unicodeScalars.contains { (0x2500...0x259F).contains($0.value) || (0x2800...0x28FF).contains($0.value) }
    }
}
