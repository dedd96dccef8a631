import Foundation
import Testing

/// Compares text with a file in `Tests/StratchatTests/Golden/`. With `STRATCHAT_RECORD_GOLDEN=1` it writes
/// the file instead and fails the test, so a recording run is never mistaken for a passing one.
enum Golden {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Golden", isDirectory: true)

    static func check(_ actual: String, against name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = folder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["STRATCHAT_RECORD_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: file)
            Issue.record("Recorded \(name); unset STRATCHAT_RECORD_GOLDEN and run again.", sourceLocation: sourceLocation)
            return
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record("Missing golden file \(name); record it with STRATCHAT_RECORD_GOLDEN=1.",
                         sourceLocation: sourceLocation)
            return
        }
        #expect(actual == expected, "output differs from Golden/\(name)", sourceLocation: sourceLocation)
    }
}
