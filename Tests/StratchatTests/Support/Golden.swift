import TestSupport

/// `Tests/StratchatTests/Golden/`.
let goldenFiles = GoldenFolder(beside: #filePath, levelsUp: 1)
