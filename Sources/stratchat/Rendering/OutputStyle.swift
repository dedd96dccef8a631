import Tools
import Foundation

/// How output looks: colour or not, box-drawing or ASCII frames, and how wide a line may be.
struct OutputStyle: Hashable, Sendable {
    var color: Bool
    var ascii: Bool
    /// The terminal's width, or nil when writing to a pipe or file (then tables keep their natural width).
    var width: Int?

    static let plain = OutputStyle(color: false, ascii: false, width: nil)

    /// The style for this process, by `RenderStyle.detect`'s rules: colour only on a terminal, never with
    /// `--no-color` or `NO_COLOR` (https://no-color.org); ASCII with `--ascii` or a locale that is not
    /// UTF-8; the width from the terminal, else `COLUMNS`, else unlimited.
    static func detect(noColorFlag: Bool, asciiFlag: Bool, environment: HostEnvironment) -> OutputStyle {
        let terminal = isatty(STDOUT_FILENO) == 1
        let width = terminal ? terminalWidth(environment) : nil
        let render = RenderStyle.detect(environment: environment.variables, stdoutIsTerminal: terminal,
                                        noColorFlag: noColorFlag, asciiFlag: asciiFlag, terminalWidth: width)
        StandardConsole.keepsColor = render.color
        return OutputStyle(color: render.color, ascii: !render.unicode, width: width)
    }

    /// The style tables and charts in the Tools module are drawn in; at least 80 columns.
    var renderStyle: RenderStyle {
        RenderStyle(width: max(RenderStyle.minimumWidth, width ?? 100), unicode: !ascii, color: color)
    }

    /// Marks text to be shown in an ANSI colour when colour is on (`RenderStyle.paint`).
    func paint(_ text: String, _ code: ANSI) -> String {
        renderStyle.paint(text, code)
    }

    /// The terminal's width now (it changes when the window is resized), else `COLUMNS`.
    static func terminalWidth(_ environment: HostEnvironment? = nil) -> Int? {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return environment?["COLUMNS"].flatMap(Int.init)
    }
}
