import Foundation
import Testing

@Suite("ask --record")
struct AskRecordTests {
    @Test("ask --record FILE writes the turn's transcript, wherever the option stands", arguments: [true, false])
    func writesTranscript(optionFirst: Bool) throws {
        let process = try StratchatProcess()
        defer { process.cleanUp() }
        let file = process.home.appendingPathComponent("turn.jsonl").path
        let message = "create a strategy that buys when rsi_14 is below 30"
        let arguments = optionFirst ? ["ask", "--record", file, message] : ["ask", message, "--record", file]
        let result = try process.run(arguments)
        #expect(result.status == 0, "\(result.stderr)")
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains(message), "the user line is recorded")
        #expect(text.contains("create_trading_strategy"), "the tool call is recorded")
    }
}
