import Foundation
import Testing

/// A folder of golden files: rendered text a test compares byte for byte. With `STRATCHAT_RECORD_GOLDEN=1`
/// `check` writes the file instead and records an issue, so a recording run never passes by mistake.
package struct GoldenFolder: Sendable {
    package let url: URL

    /// The `Golden` folder of a test target, from any `#filePath` inside it (`levelsUp` folders above the file).
    package init(beside filePath: String, levelsUp: Int = 0) {
        var folder = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        for _ in 0..<levelsUp { folder.deleteLastPathComponent() }
        url = folder.appendingPathComponent("Golden", isDirectory: true)
    }

    package func check(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = url.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["STRATCHAT_RECORD_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: file)
            Issue.record("Recorded \(name); unset STRATCHAT_RECORD_GOLDEN and run again.", sourceLocation: sourceLocation)
            return
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record("Missing golden file \(name); record it with STRATCHAT_RECORD_GOLDEN=1.", sourceLocation: sourceLocation)
            return
        }
        #expect(actual == expected, "output differs from Golden/\(name)", sourceLocation: sourceLocation)
    }
}
