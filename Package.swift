// swift-tools-version:6.0
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "stratchat",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "stratchat", targets: ["stratchat"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", exact: "0.12.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibEdit",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "Basics", swiftSettings: strict),
        .target(name: "Networking", swiftSettings: strict),
        .target(name: "StrategyCore", dependencies: ["Basics"], swiftSettings: strict),
        .target(
            name: "Store",
            dependencies: ["Basics", "StrategyCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict
        ),
        .target(
            name: "MarketData",
            dependencies: ["Basics", "StrategyCore", "Store", "Networking", "CZlib"],
            resources: [.copy("Embedded"), .copy("Live/Lexicon")],
            swiftSettings: strict
        ),
        .target(name: "AgentLoop", dependencies: ["Basics", "Networking"], swiftSettings: strict),
        .target(
            name: "Tools",
            dependencies: ["StrategyCore", "Store", "MarketData", "AgentLoop", "Networking"],
            resources: [.copy("../../prompts")],
            swiftSettings: strict
        ),
        .target(
            name: "MCPServer",
            dependencies: ["Basics", "StrategyCore", "Store", "MarketData", "AgentLoop", "Tools", .product(name: "MCP", package: "swift-sdk")],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "stratchat",
            dependencies: [
                "Basics", "CLibEdit", "Networking", "StrategyCore", "Store", "MarketData", "AgentLoop", "Tools", "MCPServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "stratchat-bench",
            dependencies: ["StrategyCore", "MarketData", "Store", "Tools", "AgentLoop", "MCPServer", .product(name: "MCP", package: "swift-sdk")], path: "Sources/Benchmarks",
            swiftSettings: strict
        ),
        .target(name: "TestSupport", dependencies: ["Networking", "StrategyCore"], path: "Tests/TestSupport"),
        .testTarget(name: "StrategyCoreTests", dependencies: ["Basics", "StrategyCore", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "TestSupport"]),
        .testTarget(name: "NetworkingTests", dependencies: ["Networking", "TestSupport"]),
        .testTarget(name: "MarketDataTests", dependencies: ["MarketData", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "MarketDataFilesTests", dependencies: ["MarketData", "TestSupport"]),
        .testTarget(name: "AgentLoopTests", dependencies: ["AgentLoop", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "MCPServerTests",
            dependencies: ["MCPServer", "Tools", "Store", "MarketData", "StrategyCore", "AgentLoop", "TestSupport",
                           .product(name: "MCP", package: "swift-sdk")]
        ),
        .testTarget(name: "ToolTests", dependencies: ["Tools", "TestSupport"], exclude: ["Golden", "Dialogues"]),
        .testTarget(
            name: "StratchatTests", dependencies: ["stratchat", "AgentLoop", "MarketData", "Store", "StrategyCore", "Tools", "TestSupport"], exclude: ["Golden", "Fixtures"]
        ),
    ]
)
