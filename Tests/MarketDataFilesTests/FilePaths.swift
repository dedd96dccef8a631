import Foundation

/// The market-data fixtures (kept with the MarketData tests) and the shared source files. These tests read whole
/// files and run in their own process, so the loopback HTTP tests beside the MarketData tests keep their threads.
enum FixturePaths {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("MarketDataTests/Fixtures")

    static func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    /// The shared source files the embedded sets are built from.
    static let sharedPrices = URL(fileURLWithPath: "/work/shared/data/prices")

    /// A fresh empty temporary folder.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("marketdata-files-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
