import AgentLoop
import Foundation
import Testing
import Tools
@testable import stratchat

/// The progress line: its layout (pure), and when the printer draws it.
@Suite("Progress line")
struct SlashProgressTests {
    @Test("shows the label, a bar, the percent and the time left at the pace so far")
    func layout() {
        // 25 of 100 done in 10 s: 30 s to go at that pace; the bar is a quarter of 20 cells.
        let line = ProgressLine(label: "Backtesting RSI dip on sample", done: 25, total: 100, elapsed: 10)
        #expect(line.rendered(width: 80, ascii: true) == "Backtesting RSI dip on sample [#####...............]  25%  ETA 0:30")
        #expect(line.rendered(width: 80) == "Backtesting RSI dip on sample [█████░░░░░░░░░░░░░░░]  25%  ETA 0:30")
    }

    @Test("before any step is done the time left is unknown; at the end it is zero")
    func ends() {
        #expect(ProgressLine(label: "x", done: 0, total: 10, elapsed: 3).rendered(ascii: true) == "x [....................]   0%  ETA …")
        #expect(ProgressLine(label: "x", done: 10, total: 10, elapsed: 3).rendered(ascii: true) == "x [####################] 100%  ETA 0:00")
        #expect(ProgressLine(label: "x", done: 5, total: 0, elapsed: 3).fraction == 0)
    }

    @Test("a long label is cut so the line fits the width, never the numbers")
    func narrow() {
        let text = ProgressLine(label: String(repeating: "n", count: 100), done: 1, total: 2, elapsed: 1).rendered(width: 50, ascii: true)
        #expect(text.count == 49)
        #expect(text.hasSuffix("… [##########..........]  50%  ETA 0:01"))
    }

    @Test("durations read as m:ss, with hours when there are some", arguments: [
        (0.2, "0:01"), (59.0, "0:59"), (61.0, "1:01"), (3599.0, "59:59"), (3723.0, "1:02:03"),
    ])
    func duration(_ seconds: Double, _ text: String) {
        #expect(ProgressLine.duration(seconds) == text)
    }

    /// A clock the test moves by hand, and the text the printer wrote.
    final class Harness: @unchecked Sendable {
        var time = Date(timeIntervalSince1970: 0)
        var written: [String] = []
        func printer(isTerminal: Bool) -> ProgressPrinter {
            ProgressPrinter(isTerminal: isTerminal, ascii: true, delay: 0.3, interval: 0.1,
                            now: { self.time }, width: { 80 }, write: { self.written.append($0) })
        }
    }

    @Test("nothing at all is written when standard error is not a terminal")
    func silentOffTerminal() {
        let harness = Harness()
        let printer = harness.printer(isTerminal: false)
        for step in 0...100 {
            harness.time = Date(timeIntervalSince1970: Double(step))
            printer.update("work", done: step, total: 100)
        }
        printer.finish()
        #expect(harness.written.isEmpty)
    }

    @Test("on a terminal: quiet for the first 0.3 s, then at most 10 redraws a second, erased at the end")
    func throttled() {
        let harness = Harness()
        let printer = harness.printer(isTerminal: true)
        // 2 s of work reported every 1/64 s (exact in binary, so no rounding blurs the 0.1 s rule): 128 updates.
        for step in 0..<128 {
            harness.time = Date(timeIntervalSince1970: Double(step) / 64)
            printer.update("work", done: step, total: 128)
        }
        printer.finish()
        let draws = harness.written.dropLast()
        // First draw at step 20 (0.3125 s, the first at or past 0.3 s); then each draw waits until 0.1 s has
        // passed, which is 7 steps (0.109 s): steps 20, 27, …, 125 → 16 lines. Step 20 is 15.6% done, 3 of 20
        // cells, and 0.3125 / 0.15625 × 0.84375 = 1.69 s left, shown rounded up as 0:02.
        #expect(draws.count == 16)
        #expect(draws.first == "\rwork [###.................]  15%  ETA 0:02\u{1B}[K")
        #expect(harness.written.last == "\r\u{1B}[K")
    }

    @Test("a new phase redraws at once with its own label and its own clock for the time left")
    func phases() {
        let harness = Harness()
        let printer = harness.printer(isTerminal: true)
        printer.update("Preparing", done: 1, total: 4)
        harness.time = Date(timeIntervalSince1970: 0.5)
        printer.update("Preparing", done: 2, total: 4)  // 0.5 s for half: 0.5 s left
        harness.time = Date(timeIntervalSince1970: 0.55)
        printer.update("Backtesting", done: 0, total: 10)  // within 0.1 s of the last draw, yet drawn
        harness.time = Date(timeIntervalSince1970: 1.55)
        printer.update("Backtesting", done: 5, total: 10)  // 1 s since this phase began, half done: 1 s left
        #expect(harness.written == [
            "\rPreparing [##########..........]  50%  ETA 0:01\u{1B}[K",
            "\rBacktesting [....................]   0%  ETA …\u{1B}[K",
            "\rBacktesting [##########..........]  50%  ETA 0:01\u{1B}[K",
        ])
    }

    @Test("work that ends before the delay leaves nothing to erase")
    func quickWork() {
        let harness = Harness()
        let printer = harness.printer(isTerminal: true)
        printer.update("work", done: 1, total: 2)
        harness.time = Date(timeIntervalSince1970: 0.1)
        printer.update("work", done: 2, total: 2)
        printer.finish()
        #expect(harness.written.isEmpty)
    }
}

/// The backtest tool reports its steps to the context's progress sink and says when it is done.
@MainActor
@Suite("Progress from the backtest tool")
struct SlashProgressWiringTests {
    final class Recorder: ProgressSink, @unchecked Sendable {
        private let lock = NSLock()
        private(set) var updates: [(label: String, done: Int, total: Int)] = []
        private(set) var finishes = 0
        func update(_ label: String, done: Int, total: Int) { lock.withLock { updates.append((label, done, total)) } }
        func finish() { lock.withLock { finishes += 1 } }
    }

    @Test("a backtest over the sample universe counts up to its total, then finishes once")
    func backtestReports() async throws {
        let fixture = try ChatSessionTests.Fixture(events: [])
        try await fixture.slash("/new buy when rsi_14 is below 30, sell when rsi_14 is above 70")
        let id = try #require(fixture.context.lastStrategyId)
        var tools = try SlashCommand.toolbox(fixture.context).context
        let recorder = Recorder()
        tools.progress = recorder
        let output = try await StrategyToolbox(context: tools).run(
            ToolCall(id: "1", name: "backtest_strategy", argumentsJSON: #"{"strategy_id":"\#(id)"}"#))
        #expect(!output.isError)
        let last = try #require(recorder.updates.last)
        #expect(last.done == last.total)
        #expect(last.label.hasPrefix("Backtesting "))
        #expect(last.label.hasSuffix(" on sample"))
        // Two phases, each counting up: 524 tickers prepared, then tickers + days simulated.
        let preparing = recorder.updates.filter { $0.label.hasPrefix("Preparing 524 tickers for ") }
        let simulating = recorder.updates.filter { $0.label == last.label }
        #expect(preparing.count + simulating.count == recorder.updates.count)
        #expect(preparing.map(\.done) == Array(1...524))
        #expect(preparing.allSatisfy { $0.total == 524 })
        #expect(zip(simulating, simulating.dropFirst()).allSatisfy { $0.done < $1.done })
        #expect(last.total > 524)
        #expect(recorder.finishes == 1)
    }
}
