#!/bin/sh
# Measures loading the embedded data sets, the cross-section and the long history together (cold = first load in a fresh process, warm = later loads),
# and generating its synthetic sample alternative data, in an optimised build.
# Usage: scripts/embedded/bench.sh   (from the repository root; prints one line per figure)
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cat > "$out/main.swift" <<'SWIFT'
import Foundation
extension Bundle { static var module: Bundle { Bundle.main } }
let path = CommandLine.arguments[1]
let others = CommandLine.arguments.dropFirst(2)
func ms(_ start: DispatchTime) -> Double { Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6 }
var t = DispatchTime.now()
let set = try EmbeddedFormat.decode(try Data(contentsOf: URL(fileURLWithPath: path)))
for other in others { _ = try EmbeddedFormat.decode(try Data(contentsOf: URL(fileURLWithPath: other))) }
let cold = ms(t)
var warm: [Double] = []
for _ in 0..<5 {
    t = DispatchTime.now()
    _ = try EmbeddedFormat.decode(try Data(contentsOf: URL(fileURLWithPath: path)))
    for other in others { _ = try EmbeddedFormat.decode(try Data(contentsOf: URL(fileURLWithPath: other))) }
    warm.append(ms(t))
}
t = DispatchTime.now()
let alt = SyntheticAltData.generate(for: set.tickers.compactMap { set.series[$0] })
let synthetic = ms(t)
let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
let bars = set.series.values.reduce(0) { $0 + $1.count }
print("embedded set: \(size) bytes, \(set.series.count) series, \(bars) bars")
print(String(format: "load cold (first in process%@): %.1f ms", others.isEmpty ? "" : ", with \(others.count) more file(s)", cold))
print(String(format: "load warm (median of 5): %.1f ms", warm.sorted()[2]))
print(String(format: "synthetic sample generation: %.1f ms (%d insider filings, %d mention rows)", synthetic, alt.insider.count, alt.mentions.count))
SWIFT
# One module from copies of the needed sources, without their cross-module imports.
for f in "$root"/Sources/StrategyCore/Support/Day.swift "$root"/Sources/StrategyCore/Data/*.swift \
    "$root"/Sources/StrategyCore/Fields/Field.swift "$root"/Sources/StrategyCore/Support/SplitMix64.swift \
    "$root"/Sources/MarketData/MarketDataError.swift \
    "$root"/Sources/MarketData/EmbeddedSet/*.swift "$root"/Sources/MarketData/Synthetic/*.swift; do
    sed '/^import StrategyCore$/d' "$f" > "$out/$(basename "$f")"
done
swiftc -O -module-name Bench -o "$out/bench" "$out"/*.swift
"$out/bench" "$root/Sources/MarketData/Embedded/embedded.bin" "$root/Sources/MarketData/Embedded/long-history.bin"
