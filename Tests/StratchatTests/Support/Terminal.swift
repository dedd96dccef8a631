import Foundation
import Testing

/// Runs `stratchat` on a pseudo-terminal, as a person at a keyboard would, so the line editor, Ctrl-C and
/// Ctrl-D can be tested. util-linux `script` owns the terminal: it passes the bytes written to it on to the
/// terminal (where a Ctrl-C byte becomes SIGINT for the program) and copies the screen back.
final class Terminal {
    static let script = "/usr/bin/script"
    static var available: Bool { FileManager.default.isExecutableFile(atPath: script) }

    private let process = Process()
    private let keys = Pipe()
    private let output = Pipe()
    private(set) var screen = ""

    /// - Parameter extraEnvironment: more variables for the program (a model's base URL, say).
    init(home: URL, user: String, extraEnvironment: [String: String] = [:]) throws {
        process.executableURL = URL(fileURLWithPath: Self.script)
        // `exec` so no shell sits between script and stratchat: a shell would take the Ctrl-C too and exit 130.
        let command = "exec '" + (try StratchatProcess.executable().path) + "'"
        process.arguments = ["--quiet", "--return", "--command", command, "/dev/null"]
        process.environment = ["STRATCHAT_HOME": home.path, "STRATCHAT_USER": user, "HOME": home.path,
                               "TERM": "xterm", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"]
            .merging(extraEnvironment) { _, new in new }
        process.standardInput = keys
        process.standardOutput = output
        process.standardError = output
        try process.run()
    }

    deinit {
        if process.isRunning { process.terminate() }
    }

    /// Sends keys to the line editor: text as UTF-8, `"\u{3}"` for Ctrl-C, `"\u{4}"` for Ctrl-D, `"\r"` for Enter.
    ///
    /// libedit draws its prompt a moment before it switches the terminal out of line mode, and keys that land in
    /// that gap are taken by the terminal driver rather than the editor. So this first waits, reading the screen
    /// meanwhile, until the program's terminal is out of line mode (or the program has ended).
    func type(_ text: String) {
        _ = wait { !process.isRunning || editorIsReading }
        press(text)
    }

    /// Sends keys at once, whatever the terminal's mode: a Ctrl-C while a turn runs, when no editor is reading.
    func press(_ text: String) {
        keys.fileHandleForWriting.write(Data(text.utf8))
    }

    /// Whether the line editor is reading keys itself: the program's terminal has line mode (ICANON) off, as
    /// libedit sets it while it reads a line and undoes when the line is done.
    private var editorIsReading: Bool {
        // `script` runs the program as its only child, on the pseudo-terminal it owns.
        let script = process.processIdentifier
        guard let children = try? String(contentsOfFile: "/proc/\(script)/task/\(script)/children", encoding: .utf8),
              let program = children.split(separator: " ").first.flatMap({ pid_t($0) }) else { return false }
        let terminal = open("/proc/\(program)/fd/0", O_RDONLY | O_NOCTTY | O_NONBLOCK)
        guard terminal >= 0 else { return false }
        defer { close(terminal) }
        var settings = termios()
        return tcgetattr(terminal, &settings) == 0 && settings.c_lflag & tcflag_t(ICANON) == 0
    }

    /// Waits for `text` as `waitFor` does, and when it does not come records a failure that shows how the
    /// screen ends, so a failure on a loaded machine can be read from the log alone.
    func expect(_ text: String, seconds: Double = 120, sourceLocation: SourceLocation = #_sourceLocation) {
        guard !waitFor(text, seconds: seconds) else { return }
        let tail = String(screen.suffix(600))
        Issue.record("waited \(Int(seconds)) s for \(text.debugDescription); the screen ends with \(tail.debugDescription)",
                     sourceLocation: sourceLocation)
    }

    /// Reads the screen until `text` appears after the previous match, or gives up after `seconds`.
    /// Each match moves the search start past it, so waiting for the prompt twice waits for a new prompt.
    @discardableResult
    func waitFor(_ text: String, seconds: Double = 120) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        let descriptor = output.fileHandleForReading.fileDescriptor
        while Date() < deadline {
            if let found = unread.range(of: text) {
                searchStart += unread.utf8.distance(from: unread.startIndex, to: found.upperBound)
                return true
            }
            var source = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&source, 1, 100) > 0 else { continue }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = read(descriptor, &buffer, buffer.count)
            if count <= 0 { break }
            screen += String(decoding: buffer[..<count], as: UTF8.self)
        }
        return false
    }

    /// Where the next `waitFor` starts looking, in UTF-8 bytes of `screen`.
    private var searchStart = 0
    private var unread: Substring {
        Substring(screen.utf8.dropFirst(searchStart))
    }

    /// Waits until `condition` holds (a server got the request, say), reading the screen meanwhile;
    /// false only if it never did within `seconds`.
    func wait(seconds: Double = 120, until condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while !condition(), Date() < deadline {
            waitFor("\u{0}", seconds: 0.05)  // keep reading so the program never blocks on a full pipe
        }
        return condition()
    }

    /// Waits for the program to end and returns its exit status, or nil if it still runs after `seconds`.
    func exitStatus(within seconds: Double = 120) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline {
            waitFor("\u{0}", seconds: 0.1)  // keep reading so the program never blocks on a full pipe
        }
        return process.isRunning ? nil : process.terminationStatus
    }
}
