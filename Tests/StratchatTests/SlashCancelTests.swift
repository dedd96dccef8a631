import AgentLoop
import Foundation
import Testing
@testable import stratchat

/// Ctrl-C while a slash command runs stops the work and hands the prompt back.
@MainActor
@Suite("Cancelling a slash command")
struct SlashCancelTests {
    /// Reports a Ctrl-C as soon as it is watched, as if the person pressed it the moment the command began.
    final class ImmediateInterrupt: InterruptSource {
        private(set) var watches = 0
        func watch(_ handler: @escaping @Sendable () -> Void) -> InterruptWatch {
            watches += 1
            handler()
            return InterruptWatch {}
        }
    }

    @Test("Ctrl-C during /backtest cancels it: nothing is shown or stored, and the next command works")
    func backtestCancelled() async throws {
        let fixture = try ChatSessionTests.Fixture(events: [])
        try await fixture.slash("/new buy when rsi_14 is below 30, sell when rsi_14 is above 70")
        let interrupts = ImmediateInterrupt()
        fixture.session.interrupts = interrupts
        await #expect(throws: SlashError.cancelled) { try await fixture.slash("/backtest") }
        #expect(interrupts.watches == 1)
        #expect(!fixture.console.output.contains("Backtest of"))
        let store = try fixture.context.store()
        let id = try #require(fixture.context.lastStrategyId)
        #expect(try store.latestBacktest(strategyId: id, user: "tester") == nil)

        fixture.session.interrupts = nil
        try await fixture.slash("/backtest")
        #expect(fixture.console.output.contains("Backtest of"))
        #expect(try store.latestBacktest(strategyId: id, user: "tester") != nil)
    }

    @Test("the shell reports the cancelled command in one line and keeps going")
    func shellKeepsGoing() async throws {
        let fixture = try ChatSessionTests.Fixture(events: [])
        try await fixture.slash("/new buy when rsi_14 is below 30, sell when rsi_14 is above 70")
        fixture.session.interrupts = ImmediateInterrupt()
        let shell = ChatShell(reader: PlainLineReader(source: { nil }), context: fixture.context, interactive: false)
        #expect(await shell.handle("/backtest") == .keepGoing)
        #expect(fixture.console.errors == "error: Cancelled; nothing more was done.\n")
    }
}
