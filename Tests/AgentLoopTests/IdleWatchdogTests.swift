import Foundation
import Testing
@testable import AgentLoop

/// The limit on silence, on a clock the test moves by hand: no test here waits for real time.
@Suite("The idle watchdog")
struct IdleWatchdogTests {
    struct Silence: Error, Equatable {}

    @Test("a stream that keeps sending outlives the limit: only silence counts, not the whole time")
    func progressKeepsItAlive() async throws {
        let clock = ManualClock()
        // Progress every 2 s for 20 s, against a 3 s limit: each touch comes before time moves on,
        // so whenever the watchdog looks, the last progress is at most 2 s old.
        try await IdleWatchdog.run(timeout: 3, clock: clock, onTimeout: Silence()) { watchdog in
            for _ in 0..<10 {
                watchdog.touch()
                clock.advance(by: .seconds(2))
            }
        }
        #expect(clock.now.offset == .seconds(20), "the run outlasted the limit several times over")
    }

    @Test("silence as long as the limit fails with the timeout error, even while the operation waits on")
    func silenceTimesOut() async throws {
        let clock = ManualClock()
        await #expect(throws: Silence.self) {
            try await IdleWatchdog.run(timeout: 3, clock: clock, onTimeout: Silence()) { watchdog in
                watchdog.touch()
                clock.advance(by: .seconds(2))
                watchdog.touch()
                clock.advance(by: .seconds(3))
                // A stalled stream: nothing more ever comes; only the watchdog can end this.
                try await clock.sleep(until: clock.now.advanced(by: .seconds(3600)), tolerance: nil)
            }
        }
    }
}
