import Foundation
import MarketData
import MCP
@testable import MCPServer
import Store
import StrategyCore
import Testing
import Tools

@Suite("MCP cancellation")
struct MCPCancellationTests {
    @Test("a backtest cancelled while it loads data stops, is not answered, and leaves no backtest stored")
    func cancelledBacktest() async throws {
        let gate = CancellationGate()
        let sources = try MarketData.offline().sources.map { GatedSource(inner: $0, gate: gate) as any MarketDataSource }
        let fixture = try await MCPFixture(marketData: MarketData(sources: sources))
        defer { Task { await fixture.close() } }
        gate.open = true
        let id = try await fixture.createRSIDip()
        gate.open = false

        var endings = fixture.catalog.endings.makeAsyncIterator()
        _ = await endings.next()  // the create call
        let request = try await fixture.client.send(CallTool.request(.init(
            name: ToolName.backtestStrategy.rawValue, arguments: ["strategy_id": .string(id), "tickers": ["AAPL", "MSFT"]])))
        // The server is inside the backtest, waiting for its bars: cancel it there.
        await gate.arrivals.first { _ in true }
        try await fixture.client.cancelRequest(request.requestID, reason: "the person pressed stop")
        await #expect(throws: CancellationError.self) { _ = try await request.value }

        let ending = await endings.next()
        #expect(ending?.name == ToolName.backtestStrategy.rawValue)
        #expect(ending?.ending == .threw("CancellationError"), "the call ends as cancelled, not with a result")
        #expect(gate.releasedByCancellation, "the wait ended because the server cancelled the call")
        #expect(try fixture.store.backtests(strategyId: id, user: MCPFixture.user).isEmpty)
        #expect(try fixture.store.strategy(id: id, user: MCPFixture.user)?.version == 1)

        // The server goes on answering.
        let list = try await fixture.call(ToolName.listUserStrategies.rawValue, [:])
        #expect(list.isError == false)
    }
}

/// Holds every price request until the calling task is cancelled (or the gate is open), and says when one
/// is waiting.
final class CancellationGate: @unchecked Sendable {
    private let lock = NSLock()
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private var _open = false
    private var _releasedByCancellation = false
    let arrivals: AsyncStream<Void>
    private let arrivalsContinuation: AsyncStream<Void>.Continuation

    init() {
        (arrivals, arrivalsContinuation) = AsyncStream.makeStream()
    }

    var open: Bool {
        get { lock.withLock { _open } }
        set { lock.withLock { _open = newValue } }
    }

    var releasedByCancellation: Bool { lock.withLock { _releasedByCancellation } }

    func pass() async {
        if open { return }
        arrivalsContinuation.yield()
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let resumeNow = lock.withLock {
                    if _releasedByCancellation { return true }
                    waiting.append(continuation)
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let released = lock.withLock {
                _releasedByCancellation = true
                defer { waiting = [] }
                return waiting
            }
            released.forEach { $0.resume() }
        }
    }
}

/// A source whose price requests wait at the gate before the real source answers.
struct GatedSource: MarketDataSource {
    let inner: any MarketDataSource
    let gate: CancellationGate

    var info: SourceInfo { inner.info }

    func bars(tickers: [String], from: Day?, to: Day?) async throws -> [PriceSeries] {
        await gate.pass()
        return try await inner.bars(tickers: tickers, from: from, to: to)
    }

    func insiderFilings(tickers: [String], from: Day?, to: Day?) async throws -> [InsiderFiling] {
        try await inner.insiderFilings(tickers: tickers, from: from, to: to)
    }

    func mentions(tickers: [String], from: Day?, to: Day?) async throws -> [MentionObservation] {
        try await inner.mentions(tickers: tickers, from: from, to: to)
    }

    func fundamentals(tickers: [String], from: Day?, to: Day?) async throws -> [FundamentalSnapshot] {
        try await inner.fundamentals(tickers: tickers, from: from, to: to)
    }

    func analystGrades(tickers: [String], from: Day?, to: Day?) async throws -> [AnalystGrade] {
        try await inner.analystGrades(tickers: tickers, from: from, to: to)
    }

    func coverageStart(kind: DataKind, ticker: String) -> Day? { inner.coverageStart(kind: kind, ticker: ticker) }
}
