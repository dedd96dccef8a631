import Foundation
import StrategyCore

/// What `stratchat scan` was asked to do.
package struct ScanOptions: Sendable {
    /// Print only problems.
    package var quiet: Bool
    /// Replay: scan each trading day from `from` to `to` (default the data's last day) using only data up to that day.
    package var from: Day?
    package var to: Day?
    /// The universe to scan; nil with no dates lets each strategy run on the data that can test it
    /// (`SignalDataChoice`, as a backtest chooses), and nil with dates means "sample".
    package var universe: String?
    /// Only these users (default every user in the store).
    package var users: [String]?
    /// How long to wait for a running scan to finish before giving up.
    package var lockWaitSeconds: Double
    /// Shows how many strategies are done, with the time left.
    package var progress: (any ProgressSink)?
    /// Polled before each strategy: true stops the scan there, every strategy before it complete and none after it begun.
    package var shouldCancel: (@Sendable () -> Bool)?

    package init(quiet: Bool = false, from: Day? = nil, to: Day? = nil, universe: String? = nil, users: [String]? = nil,
                lockWaitSeconds: Double = 600, progress: (any ProgressSink)? = nil, shouldCancel: (@Sendable () -> Bool)? = nil) {
        self.progress = progress
        self.shouldCancel = shouldCancel
        self.quiet = quiet
        self.from = from
        self.to = to
        self.universe = universe
        self.users = users
        self.lockWaitSeconds = lockWaitSeconds
    }
}

/// What a scan did: one log line per strategy, the problems, and the exit code.
package struct ScanReport: Codable, Hashable, Sendable {
    /// One line per strategy scanned (and one per problem).
    package var lines: [String]
    package var problems: [String]
    package var strategiesScanned: Int
    package var strategiesFailed: Int
    package var signalsStored: Int
    package var outcomesUpdated: Int
    /// The days scanned (the data's last day, or every trading day of a replay).
    package var days: [Day]
    /// 0 success; 1 some strategy failed (the others still ran) or another scan held the lock; 2 bad usage;
    /// 130 stopped by Ctrl-C (the strategies before the stop complete, the rest not begun).
    package var exitCode: Int32
    /// What to tell the person's webhooks: each strategy's signals of the last day scanned, one digest per
    /// strategy (a replay's earlier days are history, not news), and each paper account's fills and halts of the
    /// days it stepped, one message each. The dispatcher sends each once.
    package var events: [AlertEvent] = []
    /// Paper accounts stepped, and those that failed (nothing of a failed account is saved).
    package var paperAccountsTraded = 0
    package var paperAccountsFailed = 0
    /// Orders of accounts linked to Alpaca that could not be sent, and read-backs that failed (the local record is kept).
    package var brokerFailures = 0
    /// Differences between Alpaca's fills and the simulation found on reconciliation.
    package var brokerDifferences = 0
    /// Every paper order this scan filled, and every halt it caused, as plain records for alerts to send.
    package var paperFills: [PaperFillEvent] = []
    package var paperHalts: [PaperHaltEvent] = []

    /// What to print: everything, or with `quiet` only the problems.
    package func output(quiet: Bool) -> String {
        (quiet ? problems : lines).joined(separator: "\n")
    }
}

/// A paper order filled by a scan: whose account, and the order with its fill.
package struct PaperFillEvent: Codable, Hashable, Sendable {
    package var user: String
    package var account: String
    package var order: PaperOrder

    package init(user: String, account: String, order: PaperOrder) {
        self.user = user
        self.account = account
        self.order = order
    }
}

/// New entries of a paper account stopped by a scan, and why.
package struct PaperHaltEvent: Codable, Hashable, Sendable {
    package var user: String
    package var account: String
    package var halt: PaperHalt

    package init(user: String, account: String, halt: PaperHalt) {
        self.user = user
        self.account = account
        self.halt = halt
    }
}
