import Foundation
import StrategyCore

// stratchat-bench: times the whole backtest (indicators, simulation, metrics) on one core.
//
//   stratchat-bench                     every size, each in its own process so peak memory is its own
//   stratchat-bench --case small        one size in this process; prints one JSON line
//   stratchat-bench --export small DIR  writes that universe as raw float64 arrays for the peer benchmark
//   stratchat-bench --embedded-load     times loading the embedded data set, cold then warm; prints one JSON line
//   stratchat-bench --scan              times the daily scan (1 strategy cold and warm; 10, 100, 1,000 strategies)
//   stratchat-bench --scan-paper        times the scan of 100 strategies in 10 paper accounts against the same without
//   stratchat-bench --parser            times the text parser per sentence
//   stratchat-bench --robustness        times Monte Carlo and PBO
//   stratchat-bench --sweep [N] [--json] times a parameter sweep of N (default 1,000) variants over 500 × 10 y
//   stratchat-bench --mcp-start         times the MCP server's cold start (in fresh processes, and the built binary)
//   stratchat-bench --book [DIR]        times /new, /compare and /portfolio with 150 strategies and 50,000 signals
//                                       (the store is kept in DIR when given, for EXPLAIN QUERY PLAN)

let fixtureCSV = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../Tests/StrategyCoreTests/Fixtures/msft/MSFT_1986-2017_pmdarima.csv").standardized.path
let args = Array(CommandLine.arguments.dropFirst())
let cases = BenchCase.all(msftPath: fixtureCSV)

func value(after flag: String) -> String? {
    guard let i = args.firstIndex(of: flag), i + 1 < args.count else { return nil }
    return args[i + 1]
}

struct Measurement: Codable {
    let name: String
    let label: String
    let tickers: Int
    let tickerDays: Int
    let bestSeconds: Double
    let medianSeconds: Double
    /// CPU time of the best run: on a shared machine wall time includes waiting for a core.
    let bestCPUSeconds: Double
    let peakRSS: Int
    let rawBytes: Int
    let trades: Int
}

func measure(_ c: BenchCase) throws -> Measurement {
    let series = try c.load()
    let tickerDays = series.reduce(0) { $0 + $1.count }
    let request = BenchCase.request(series)
    var times: [Double] = []
    var cpu: [Double] = []
    var trades = 0
    let clock = ContinuousClock()
    for _ in 0..<c.repeats {
        let cpuStart = threadCPUSeconds()
        let start = clock.now
        let result = try BacktestEngine.run(request)
        let elapsed = clock.now - start
        cpu.append(threadCPUSeconds() - cpuStart)
        trades = result.totalTrades
        times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
    times.sort()
    cpu.sort()
    return Measurement(
        name: c.name, label: c.label, tickers: series.count, tickerDays: tickerDays, bestSeconds: times[0],
        medianSeconds: times[times.count / 2], bestCPUSeconds: cpu[0], peakRSS: peakRSSBytes(), rawBytes: tickerDays * 5 * 8, trades: trades)
}

func export(_ c: BenchCase, to dir: String) throws {
    let series = try c.load()
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    for (name, path) in [("open", \PriceSeries.open), ("high", \.high), ("low", \.low), ("close", \.close), ("volume", \.volume)] {
        var data = Data()
        for s in series { s[keyPath: path].withUnsafeBytes { data.append(contentsOf: $0) } }
        try data.write(to: URL(fileURLWithPath: dir).appendingPathComponent("\(name).f64"))
    }
    let days = series[0].days.map(\.iso).joined(separator: "\n")
    try days.write(toFile: dir + "/days.txt", atomically: true, encoding: .utf8)
    let meta = "{\"tickers\": \(series.count), \"bars\": \(series[0].count)}"
    try meta.write(toFile: dir + "/meta.json", atomically: true, encoding: .utf8)
}

/// CPU time used by this thread so far.
func threadCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

func pad(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }

func mb(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1_048_576) }

do {
    if let name = value(after: "--export"), let c = cases.first(where: { $0.name == name }), let dir = args.last {
        try export(c, to: dir)
    } else if args.first == "--scan" {
        print(try await ScanBench.measure().lines.joined(separator: "\n"))
    } else if args.first == "--scan-paper" {
        print(try await PaperScanBench.measure().lines.joined(separator: "\n"))
    } else if args.first == "--book" {
        let keep = args.count > 1 ? URL(fileURLWithPath: args[1]) : nil
        let folder = keep ?? FileManager.default.temporaryDirectory.appendingPathComponent("stratchat-book-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { if keep == nil { try? FileManager.default.removeItem(at: folder) } }
        print(BookBench.lines(try await BookBench.measure(folder: folder)).joined(separator: "\n"))
    } else if args.first == "--mcp-start-once" {
        let run = try await MCPBench.inProcess(existingHome: args.count > 1 ? URL(fileURLWithPath: args[1]) : nil)
        print(String(format: "%.3f %.3f", run.wallMs, run.cpuMs))
    } else if args.first == "--mcp-start" {
        print((await MCPBench.lines(bench: URL(fileURLWithPath: CommandLine.arguments[0]))).joined(separator: "\n"))
    } else if args.first == "--parser" {
        print(ParserBench.line())
        print(ParserBench.readingLine())
    } else if args.first == "--sweep" {
        let wanted = args.count > 1 ? Int(args[1]) ?? 1_000 : 1_000
        if args.contains("--json") {
            print(String(decoding: try JSONEncoder().encode(try SweepBench.measure(variants: wanted)), as: UTF8.self))
        } else {
            print(try SweepBench.lines(variants: wanted).joined(separator: "\n"))
        }
    } else if args.first == "--robustness" {
        print(try RobustnessBench.lines().joined(separator: "\n"))
    } else if args.first == "--embedded-load" {
        print(String(decoding: try JSONEncoder().encode(try EmbeddedLoad.measure()), as: UTF8.self))
    } else if let name = value(after: "--case") {
        guard let c = cases.first(where: { $0.name == name }) else {
            FileHandle.standardError.write(Data("unknown case \(name); use msft, small or large\n".utf8))
            exit(2)
        }
        let m = try measure(c)
        print(String(decoding: try JSONEncoder().encode(m), as: UTF8.self))
    } else {
        let me = URL(fileURLWithPath: CommandLine.arguments[0])
        print("stratchat-bench: rsi_14 < 30 AND close > sma_200, exit rsi_14 > 70, 8% stop, 30 days, 5% positions")
        print("whole backtest per run (indicators + simulation + metrics), one core, release build\n")
        print("case                      ticker-days   best wall  median wall    best CPU  ticker-days/s  ns/ticker-day   peak RSS  raw OHLCV  RSS/raw  trades")
        for c in cases {
            let p = Process()
            p.executableURL = me
            p.arguments = ["--case", c.name]
            let pipe = Pipe()
            p.standardOutput = pipe
            try p.run()
            let out = pipe.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            guard p.terminationStatus == 0, let line = String(decoding: out, as: UTF8.self).split(separator: "\n").last,
                  let m = try? JSONDecoder().decode(Measurement.self, from: Data(line.utf8)) else {
                print("\(c.label): failed (exit \(p.terminationStatus))")
                continue
            }
            let rate = Double(m.tickerDays) / m.bestSeconds
            print(String(format: "%@ %11d %9.1f ms %10.1f ms %8.1f ms %14.3g %13.1f  %@  %@  %6.2fx  %6d",
                         m.label.padding(toLength: 25, withPad: " ", startingAt: 0) as NSString, m.tickerDays, m.bestSeconds * 1e3, m.medianSeconds * 1e3,
                         m.bestCPUSeconds * 1e3, rate, m.bestSeconds / Double(m.tickerDays) * 1e9, pad(mb(m.peakRSS), 9) as NSString, pad(mb(m.rawBytes), 9) as NSString,
                         Double(m.peakRSS) / Double(m.rawBytes), m.trades))
        }
        // The embedded set's load in its own fresh process, so "cold" is really the first load.
        let load = Process()
        load.executableURL = me
        load.arguments = ["--embedded-load"]
        let loadPipe = Pipe()
        load.standardOutput = loadPipe
        try load.run()
        let loadOut = loadPipe.fileHandleForReading.readDataToEndOfFile()
        load.waitUntilExit()
        if load.terminationStatus == 0, let line = String(decoding: loadOut, as: UTF8.self).split(separator: "\n").last,
           let figure = try? JSONDecoder().decode(EmbeddedLoad.self, from: Data(line.utf8)) {
            print("\n" + figure.line)
        } else {
            print("\nembedded data set load: failed (exit \(load.terminationStatus))")
        }
        print("\n" + ParserBench.line())
        print(ParserBench.readingLine())
        print("\n" + (await MCPBench.lines(bench: me)).joined(separator: "\n"))
        print("\n" + (try RobustnessBench.lines()).joined(separator: "\n"))
        // The scan and the book commands each in their own process, so memory and caches start fresh like a
        // cron run's or a new chat's.
        for (flag, what) in [("--sweep", "parameter sweep"), ("--scan", "daily scan"), ("--scan-paper", "paper scan"),
                             ("--book", "book commands")] {
            fflush(nil)  // the child writes to the same output; keep the lines in order
            let child = Process()
            child.executableURL = me
            child.arguments = [flag]
            try child.run()
            child.waitUntilExit()
            if child.terminationStatus != 0 { print("\(what): failed (exit \(child.terminationStatus))") }
            print("")
        }
        print("\nticker-days/s and ns/ticker-day use the best wall time; best CPU is that thread's CPU time (wall minus waiting on a busy machine).")
        print("bars are a seeded random walk (synthetic sample) except MSFT (real prices); raw OHLCV = 5 float64 per ticker-day;")
        print("peak RSS is VmHWM of a fresh process per case, including the bars themselves and the Swift runtime.")
    }
} catch {
    FileHandle.standardError.write(Data("stratchat-bench: \(error.localizedDescription)\n".utf8))
    exit(1)
}
