import Foundation

/// Locates this target's fixture files next to the test sources, so no resource declaration is needed.
enum FixturePaths {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    /// The shared source files the embedded set is built from, when this machine has them.
    static let sharedPrices = URL(fileURLWithPath: "/work/shared/data/prices")

    /// A fresh empty temporary folder.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("marketdata-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
