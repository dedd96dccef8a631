import Foundation
import GRDB

/// Which alerts each webhook has accepted, so a rerun of a scan never sends one twice.
extension StratStore {
    /// The events of `eventIds` a webhook has already accepted.
    package func deliveredAlerts(webhookId: String, eventIds: [String]) throws -> Set<String> {
        guard !eventIds.isEmpty else { return [] }
        return try read("reading alert deliveries") { db in
            var delivered = Set<String>()
            // Bounded batches keep each statement under SQLite's variable limit.
            for start in stride(from: 0, to: eventIds.count, by: 500) {
                let batch = Array(eventIds[start..<min(start + 500, eventIds.count)])
                let marks = Array(repeating: "?", count: batch.count).joined(separator: ", ")
                let found = try String.fetchAll(
                    db, sql: "SELECT event_id FROM alert_deliveries WHERE webhook_id = ? AND event_id IN (\(marks))",
                    arguments: StatementArguments([webhookId] + batch))
                delivered.formUnion(found)
            }
            return delivered
        }
    }

    /// Records that a webhook accepted an event; recording it again keeps the first record.
    package func recordAlertDelivery(webhookId: String, eventId: String, kind: String, attempts: Int) throws {
        try write("recording an alert delivery") { db in
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO alert_deliveries (webhook_id, event_id, event_kind, attempts, sent_at)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [webhookId, eventId, kind, attempts, now()])
        }
    }
}
