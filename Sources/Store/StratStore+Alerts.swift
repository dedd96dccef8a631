import Foundation
import GRDB

/// An alert waiting in the outbox for one webhook: its id and the event as JSON (the store does not read it).
package struct QueuedAlert: Hashable, Sendable {
    package var eventId: String
    package var json: String
    /// How many scans failed to send it.
    package var failures: Int
}

/// Which alerts each webhook has accepted, so a rerun of a scan never sends one twice, and which wait in its
/// outbox, so a failed one is sent again by the next scan.
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

    /// Records that a webhook accepted an event and takes it out of the outbox; recording it again keeps the
    /// first record.
    package func recordAlertDelivery(webhookId: String, eventId: String, kind: String, attempts: Int) throws {
        try write("recording an alert delivery") { db in
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO alert_deliveries (webhook_id, event_id, event_kind, attempts, sent_at)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [webhookId, eventId, kind, attempts, now()])
            try db.execute(sql: "DELETE FROM alert_outbox WHERE webhook_id = ? AND event_id = ?", arguments: [webhookId, eventId])
        }
    }

    /// Puts events in a webhook's outbox before they are sent, so one that fails (or a send cut short) is still
    /// there for the next scan; an event already waiting keeps its place.
    package func queueAlerts(webhookId: String, _ events: [(id: String, kind: String, json: String)]) throws {
        guard !events.isEmpty else { return }
        try write("queueing alerts") { db in
            let at = now()
            for e in events {
                try db.execute(
                    sql: """
                        INSERT OR IGNORE INTO alert_outbox (webhook_id, event_id, event_kind, event_json, queued_at)
                        VALUES (?, ?, ?, ?, ?)
                        """,
                    arguments: [webhookId, e.id, e.kind, e.json, at])
            }
        }
    }

    /// The events waiting for a webhook, oldest first.
    package func queuedAlerts(webhookId: String) throws -> [QueuedAlert] {
        try read("reading the alert outbox") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM alert_outbox WHERE webhook_id = ? ORDER BY queued_at, rowid", arguments: [webhookId])
                .map { QueuedAlert(eventId: $0["event_id"], json: $0["event_json"], failures: $0["failures"]) }
        }
    }

    /// Drops the events waiting for webhooks other than `webhookIds` (those no longer configured), which nothing
    /// would ever send; returns how many were dropped.
    @discardableResult
    package func dropQueuedAlerts(keepingWebhooks webhookIds: [String]) throws -> Int {
        try write("dropping alerts for webhooks no longer configured") { db in
            let marks = Array(repeating: "?", count: webhookIds.count).joined(separator: ", ")
            try db.execute(sql: "DELETE FROM alert_outbox" + (webhookIds.isEmpty ? "" : " WHERE webhook_id NOT IN (\(marks))"),
                           arguments: StatementArguments(webhookIds))
            return db.changesCount
        }
    }

    /// Counts a failed send of a waiting event, with the reason (already free of the webhook's URL).
    package func recordAlertFailure(webhookId: String, eventId: String, error: String) throws {
        try write("recording an alert failure") { db in
            try db.execute(
                sql: "UPDATE alert_outbox SET failures = failures + 1, last_error = ? WHERE webhook_id = ? AND event_id = ?",
                arguments: [error, webhookId, eventId])
        }
    }
}
