@preconcurrency import CLibEdit
import Foundation
import Tools

/// Set by the SIGINT handler; plain globals because a C signal handler can capture nothing.
nonisolated(unsafe) private var interruptReceived: sig_atomic_t = 0
/// A pipe the SIGINT handler writes a byte to, so a `poll` on another thread wakes up: the async entry point
/// parks the main thread in `sigsuspend` and runs the REPL on a worker, so the signal usually lands on a
/// thread that is not the one blocked reading the terminal.
nonisolated(unsafe) private var interruptPipe: (read: Int32, write: Int32) = (-1, -1)
/// Keys read since the prompt was shown, so a Ctrl-C at an empty prompt can be told from one that drops text.
nonisolated(unsafe) private var keysSincePrompt = 0
/// Bytes read since the prompt was shown; past `EditLineReader.editedBytes` the rest of the line is taken
/// into `overflow` without passing through libedit, whose line buffer stops growing at 32 KB.
nonisolated(unsafe) private var bytesSincePrompt = 0
nonisolated(unsafe) private var overflow: [UInt8] = []

/// Interactive line editing through libedit's readline interface: arrow keys, Ctrl-A/E/K/W, history search,
/// and a history file that survives between sessions.
///
/// Ctrl-C must drop the current line and show a fresh prompt rather than end the program. libedit's own
/// signal handling would re-raise SIGINT and end the process, so it is off (`rl_catch_signals = 0`); our
/// handler notes the interrupt and wakes the key reader through a pipe. The keys come through our own
/// `rl_getc_function`, which waits on the terminal and that pipe together; on an interrupt it reports end
/// of input, `readline` returns, and the note tells the interrupt apart from a real Ctrl-D. (If the
/// terminal delivers Ctrl-C as the byte 0x03 instead of a signal, that counts as an interrupt too.)
final class EditLineReader: LineReader {
    private let prompt: String
    private let historyPath: String?
    private let historyLimit: Int32

    /// - Parameters:
    ///   - historyFile: where history is loaded from and saved to, or nil to keep it in memory only.
    ///   - historyLimit: the most lines kept, in memory and on disk.
    init(prompt: String, historyFile: URL?, historyLimit: Int32 = 1000) {
        self.prompt = prompt
        self.historyPath = historyFile?.path
        self.historyLimit = historyLimit
        setlocale(LC_CTYPE, "")  // libedit shows non-ASCII characters only under a UTF-8 locale
        rl_catch_signals = 0
        rl_getc_function = { _ in readCharacter() }
        using_history()
        stifle_history(historyLimit)
        if let historyPath {
            if FileManager.default.fileExists(atPath: historyPath) {
                _ = read_history(historyPath)
            } else {
                _ = write_history(historyPath)
                // Lines typed at the prompt are private (a pasted key, a position size): owner-only.
                _ = chmod(historyPath, 0o600)
            }
        }
        Self.installInterruptHandler()
    }

    private(set) var lastInterruptDroppedText = false

    /// How many bytes of a line go through the editor (shown and editable); the rest of a longer line, a
    /// paste usually, is read straight from the terminal up to its line break and joined on.
    static let editedBytes = 16_384

    func nextLine() -> LineInput {
        drainInterrupts()
        keysSincePrompt = 0
        guard let line = readLine(prompt) else {
            if interruptReceived != 0 {
                lastInterruptDroppedText = keysSincePrompt > 0
                drainInterrupts()
                FileHandle.standardOutput.write(Data("^C\n".utf8))
                return .interrupted
            }
            FileHandle.standardOutput.write(Data("\n".utf8))
            return .end
        }
        // A line longer than the editor shows stays out of the history: libedit would cut it when read back.
        if line.taken == 0 { remember(line.text) }
        return .line(line.text)
    }

    func answer(to question: String) -> String? {
        drainInterrupts()
        // libedit prints the prompt as it is, and the question can hold a strategy's name.
        guard let line = readLine(TerminalText.escaped(question)) else {
            FileHandle.standardOutput.write(Data("\n".utf8))
            drainInterrupts()
            return nil
        }
        return line.text
    }

    /// One line through `readline`, with the part read past `editedBytes` joined on and said so; nil at the
    /// end of input or on Ctrl-C.
    private func readLine(_ prompt: String) -> (text: String, taken: Int)? {
        bytesSincePrompt = 0
        overflow = []
        defer { overflow = [] }
        guard let raw = readline(prompt) else { return nil }
        defer { free(raw) }
        guard !overflow.isEmpty else { return (String(cString: raw), 0) }
        let text = String(cString: raw) + String(decoding: overflow, as: UTF8.self)
        let note = "(a long line: \(text.utf8.count) bytes in all; the \(overflow.count) past the first "
            + "\(Self.editedBytes) were taken as they came, without being shown or kept in the history)\n"
        FileHandle.standardOutput.write(Data(note.utf8))
        return (text, overflow.count)
    }

    /// Adds a non-blank line to history and saves the file at once, so a killed session loses nothing.
    private func remember(_ line: String) {
        guard !line.allSatisfy(\.isWhitespace) else { return }
        add_history(line)
        guard let historyPath else { return }
        _ = write_history(historyPath)
        _ = history_truncate_file(historyPath, historyLimit)
    }

    /// Forgets interrupts that arrived while no line was being read.
    private func drainInterrupts() {
        var scratch = [UInt8](repeating: 0, count: 64)
        while interruptPipe.read >= 0, read(interruptPipe.read, &scratch, scratch.count) > 0 {}
        interruptReceived = 0
    }

    private static func installInterruptHandler() {
        guard interruptPipe.read < 0 else { return }
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return }
        for end in ends { _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK) }
        interruptPipe = (ends[0], ends[1])
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = { _ in noteInterrupt() }
        #else
        action.__sigaction_u.__sa_handler = { _ in noteInterrupt() }
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0  // no SA_RESTART: a blocked poll or read returns EINTR and sees the flag
        sigaction(SIGINT, &action, nil)
    }
}

extension EditLineReader: InterruptSource {
    /// Watches the interrupt pipe on a thread of its own while the agent works: the terminal is back in
    /// normal mode then, so Ctrl-C arrives as SIGINT and our handler writes to the pipe.
    func watch(_ handler: @escaping @Sendable () -> Void) -> InterruptWatch {
        var ends: [Int32] = [-1, -1]
        guard interruptPipe.read >= 0, pipe(&ends) == 0 else { return InterruptWatch {} }
        drainInterrupts()
        let (stopRead, stopWrite) = (ends[0], ends[1])
        let watchedPipe = interruptPipe.read
        let finished = DispatchSemaphore(value: 0)
        let thread = Thread {
            var scratch = [UInt8](repeating: 0, count: 64)
            while true {
                var sources = [pollfd(fd: watchedPipe, events: Int16(POLLIN), revents: 0),
                               pollfd(fd: stopRead, events: Int16(POLLIN), revents: 0)]
                let ready = poll(&sources, nfds_t(sources.count), -1)
                if ready == -1 { if errno == EINTR { continue } else { break } }
                if sources[1].revents != 0 { break }
                if sources[0].revents != 0 {
                    while read(watchedPipe, &scratch, scratch.count) > 0 {}
                    interruptReceived = 0
                    handler()
                }
            }
            finished.signal()
        }
        thread.start()
        return InterruptWatch {
            var byte: UInt8 = 1
            _ = write(stopWrite, &byte, 1)
            finished.wait()
            close(stopRead)
            close(stopWrite)
        }
    }
}

/// One character from the terminal as a Unicode scalar value (libedit's readline layer hands our result
/// straight to the editor as a wide character, so the UTF-8 bytes are decoded here), or -1 at the end of
/// input or on Ctrl-C.
private func readCharacter() -> Int32 {
    if bytesSincePrompt >= EditLineReader.editedBytes { return readOverflow() }
    guard let lead = readByte() else { return -1 }
    if lead == 0x03 {  // Ctrl-C while the terminal is in editing mode
        interruptReceived = 1
        return -1
    }
    keysSincePrompt += 1
    let length = switch lead {
    case 0..<0x80: 0
    case 0xC0..<0xE0: 1
    case 0xE0..<0xF0: 2
    case 0xF0..<0xF8: 3
    default: -1
    }
    guard length > 0 else { return length == 0 ? Int32(lead) : 0xFFFD }
    var scalar = UInt32(lead) & (0x3F >> UInt32(length))
    for _ in 0..<length {
        guard let next = readByte() else { return -1 }
        guard next & 0xC0 == 0x80 else { return 0xFFFD }
        scalar = scalar << 6 | UInt32(next & 0x3F)
    }
    return Unicode.Scalar(scalar) == nil ? 0xFFFD : Int32(scalar)
}

/// Reads the rest of a long line into `overflow`, up to its line break, and hands the editor that break so
/// `readline` returns the part it holds; -1 at the end of input or on Ctrl-C.
private func readOverflow() -> Int32 {
    while let byte = readByte() {
        switch byte {
        case 0x03:
            interruptReceived = 1
            return -1
        case 0x0A, 0x0D:
            return Int32(byte)
        default:
            overflow.append(byte)
        }
    }
    return -1
}

/// One byte from standard input; nil at the end of input, on an error, or when Ctrl-C interrupted the wait.
private func readByte() -> UInt8? {
    var byte: UInt8 = 0
    while interruptReceived == 0 {
        var sources = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: interruptPipe.read, events: Int16(POLLIN), revents: 0)]
        let ready = poll(&sources, nfds_t(sources.count), -1)
        if ready == -1 { if errno == EINTR { continue } else { return nil } }
        if sources[1].revents != 0 { continue }  // the loop condition sees the interrupt
        let count = read(STDIN_FILENO, &byte, 1)
        if count == 1 {
            bytesSincePrompt += 1
            return byte
        }
        if count == -1, errno == EINTR || errno == EAGAIN { continue }
        return nil
    }
    return nil
}

/// The SIGINT handler: only async-signal-safe work (a flag and a one-byte `write`).
private func noteInterrupt() {
    interruptReceived = 1
    var byte: UInt8 = 1
    _ = write(interruptPipe.write, &byte, 1)
}
