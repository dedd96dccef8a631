@preconcurrency import CLibEdit
import Foundation

/// The completer Tab asks; a plain global because libedit's hook is a C function that can capture nothing.
nonisolated(unsafe) private var activeCompleter: Completer?

/// Connects a `Completer` to libedit's readline layer: Tab calls `rl_attempted_completion_function` with
/// the word under the cursor, and the whole line is read from `rl_line_buffer`, so the command name decides
/// what is offered. Files are never offered (`rl_attempted_completion_over`).
extension EditLineReader {
    func enableCompletion(_ completer: Completer) {
        activeCompleter = completer
        rl_attempted_completion_function = { _, start, end in
            rl_attempted_completion_over = 1
            // A single match ends with a space, stated here rather than left to the library's initial value.
            rl_completion_append_character = Int32(UInt8(ascii: " "))
            guard let completer = activeCompleter, let buffer = rl_line_buffer else { return nil }
            let line = String(String(cString: buffer).prefix(Int(max(0, end))))
            let matches = completer.readlineMatches(line: line, wordStart: Int(max(0, start)))
            guard !matches.isEmpty else { return nil }
            // libedit frees the list and each string with free(), so both come from malloc.
            let raw = malloc(MemoryLayout<UnsafeMutablePointer<CChar>?>.stride * (matches.count + 1))!
            let list = raw.bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: matches.count + 1)
            for (index, match) in matches.enumerated() { list[index] = strdup(match) }
            list[matches.count] = nil
            return list
        }
    }
}
