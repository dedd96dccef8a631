import Foundation

/// How the person's terminal is drawn on, decided once at launch: how wide a line may be, whether
/// Unicode (box drawing, braille, blocks) is safe, and whether ANSI colour is wanted.
package struct RenderStyle: Codable, Hashable, Sendable {
    /// The widest a line may be. `detect` never goes below `minimumWidth`; a narrower width given
    /// directly is honoured by tables, while the charts and heatmap assume at least 80 columns.
    package var width: Int
    /// Box-drawing, braille and block characters; false draws with ASCII only.
    package var unicode: Bool
    /// ANSI colour: green gains, red losses, dim labels.
    package var color: Bool

    /// Tables and charts are laid out for at least this many columns.
    package static let minimumWidth = 80

    package init(width: Int = 100, unicode: Bool = true, color: Bool = false) {
        self.width = width
        self.unicode = unicode
        self.color = color
    }

    /// Unicode without colour at 100 columns: what a file or a golden test sees.
    package static let plain = RenderStyle()

    /// The style for a process, from its flags and environment (a pure function, so it can be tested):
    /// no colour when `NO_COLOR` is set and non-empty (https://no-color.org), when stdout is not a
    /// terminal, when `TERM=dumb` or with `--no-color`; ASCII with `--ascii` or when the locale set
    /// (`LC_ALL`, else `LC_CTYPE`, else `LANG`) does not name UTF-8.
    package static func detect(
        environment: [String: String], stdoutIsTerminal: Bool, noColorFlag: Bool, asciiFlag: Bool, terminalWidth: Int?
    ) -> RenderStyle {
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        let color = stdoutIsTerminal && !noColorFlag && !noColor && environment["TERM"] != "dumb"
        let unicode = !asciiFlag && localeIsUTF8(environment)
        let columns = terminalWidth ?? environment["COLUMNS"].flatMap { Int($0) } ?? 100
        return RenderStyle(width: max(minimumWidth, columns), unicode: unicode, color: color)
    }

    /// Whether the locale in force allows UTF-8. The first of `LC_ALL`, `LC_CTYPE`, `LANG` that is set
    /// and non-empty decides, as the C library does, and must name UTF-8 ("C" or "en_US.ISO-8859-1" do
    /// not). With none set, as in many containers, scripts and CI runners whose terminals are UTF-8
    /// anyway, Unicode is kept; `--ascii` is there for the rare terminal that cannot show it.
    package static func localeIsUTF8(_ environment: [String: String]) -> Bool {
        guard let name = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap({ environment[$0] }).first(where: { !$0.isEmpty }) else {
            return true
        }
        let lowered = name.lowercased()
        return lowered.contains("utf-8") || lowered.contains("utf8")
    }

    /// The table frame for this style.
    package var borders: TableBorders { unicode ? .unicode : .ascii }

    /// Marks `text` to be shown in an ANSI code when colour is on; plain text otherwise. The mark is out of band
    /// (`StyleMarks`): it becomes the SGR code only where the text leaves for a terminal, so no outside text
    /// inside or around it can pass for colour.
    package func paint(_ text: String, _ code: ANSI) -> String {
        guard color, !text.isEmpty, code != .none else { return text }
        return StyleMarks.open(code.rawValue) + text + StyleMarks.reset
    }

    /// Green for a gain, red for a loss, nothing for zero: decided from the text's own sign so the
    /// colour can never disagree with the number shown.
    package func paintBySign(_ text: String) -> String {
        paint(text, ANSI.forSign(of: text))
    }
}

/// The few ANSI SGR codes stratchat uses.
package enum ANSI: String, Codable, Hashable, Sendable {
    case none = ""
    case bold = "1"
    case dim = "2"
    case red = "31"
    case green = "32"
    case yellow = "33"
    case cyan = "36"
    case brightRed = "1;91"
    case brightGreen = "1;92"

    /// `.green` for "+4.2%" or "+$1,200", `.red` for "-3.5%" or "-$800", `.none` for "0.0%", "—" or words.
    /// Only the first word counts, so "+34.2% (+$34,200)" is a gain.
    package static func forSign(of text: String) -> ANSI {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let word = String(trimmed.prefix { $0 != " " })
        guard let first = word.first, TextTable.looksNumeric(word) else { return .none }
        if first == "+" { return .green }
        if first == "-" || first == "−" { return .red }
        return .none
    }

    /// Removes the program's own styling, to measure or compare what a person sees.
    package static func strip(_ text: String) -> String {
        StyleMarks.strip(text)
    }
}
