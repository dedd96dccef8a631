import Foundation
import Store

/// Sends each event to every webhook that wants it, once: an event a webhook accepted is recorded in the store
/// and skipped when a rerun hands it over again. The scan hands its signals, fills and halts here; one that fails
/// waits in the store's outbox for the next dispatch, unless its webhook is removed from the configuration.
package struct AlertDispatcher: Sendable {
    /// What one dispatch did: lines for the person, and the failures among them.
    package struct Report: Hashable, Sendable {
        package var lines: [String] = []
        package var failures: [String] = []
        package var sent = 0
        /// Of `sent`, events that had waited in the outbox since an earlier dispatch.
        package var resent = 0
        package var alreadySent = 0

        package init() {}

        /// 0 when every alert went out (or none was due); 1 when any failed.
        package var exitCode: Int32 { failures.isEmpty ? 0 : 1 }
    }

    package let webhooks: [AlertWebhook]
    package let sender: AlertSender

    package init(webhooks: [AlertWebhook], sender: AlertSender) {
        self.webhooks = webhooks
        self.sender = sender
    }

    /// Sends what each webhook has not accepted before, recording each acceptance in `store`.
    ///
    /// Every due event goes into the webhook's outbox before it is sent, and leaves it when the webhook accepts it;
    /// so an alert that fails (fills and halts too, which no later scan makes again) is sent by the next dispatch,
    /// before that scan's own events.
    /// Events waiting for a webhook no longer configured are dropped (and said so once): nothing would send them.
    package func dispatch(_ events: [AlertEvent], store: StratStore) async -> Report {
        var report = Report()
        do {
            let dropped = try store.dropQueuedAlerts(keepingWebhooks: webhooks.map(\.id))
            if dropped > 0 {
                report.lines.append("alerts: \(dropped) alert\(dropped == 1 ? "" : "s") waiting for a webhook no longer in config.toml "
                    + "dropped, not sent")
            }
        } catch {
            report.fail("alerts waiting for webhooks no longer configured could not be dropped: \(error.localizedDescription)")
        }
        for webhook in webhooks {
            let waiting: [AlertEvent]
            do {
                waiting = try queued(for: webhook, store: store, report: &report)
            } catch {
                report.fail("alerts to \(webhook.shownURL) not sent: cannot read the alerts waiting for it: \(error.localizedDescription)")
                continue
            }
            let waitingIds = Set(waiting.map(\.id))
            let fresh = events.filter { webhook.accepts($0.kind) && $0.kind != .test && !waitingIds.contains($0.id) }
            let due = waiting + fresh
            guard !due.isEmpty else { continue }
            let delivered: Set<String>
            do {
                delivered = try store.deliveredAlerts(webhookId: webhook.id, eventIds: due.map(\.id))
                try store.queueAlerts(webhookId: webhook.id, fresh.filter { !delivered.contains($0.id) }.map {
                    (id: $0.id, kind: $0.kind.rawValue, json: try Self.stored($0))
                })
            } catch {
                // Without the record a send could repeat one already made, so nothing is sent to this webhook.
                report.fail("alerts to \(webhook.shownURL) not sent: cannot read or queue them: \(error.localizedDescription)")
                continue
            }
            var sent = 0, failed = 0, resent = 0
            for event in due {
                if delivered.contains(event.id) {
                    report.alreadySent += 1
                    continue
                }
                let outcome = await sender.send(event, to: webhook)
                guard outcome.delivered else {
                    failed += 1
                    let reason = outcome.failure ?? "unknown"
                    try? store.recordAlertFailure(webhookId: webhook.id, eventId: event.id, error: reason)
                    report.fail("alert \"\(event.title)\" to \(webhook.shownURL) (\(webhook.format.rawValue)) failed after "
                        + "\(Self.attempts(outcome.attempts)): \(reason); it waits in the outbox and the next scan sends it again")
                    continue
                }
                do {
                    try store.recordAlertDelivery(webhookId: webhook.id, eventId: event.id, kind: event.kind.rawValue,
                                                  attempts: outcome.attempts)
                } catch {
                    report.fail("alert \"\(event.title)\" was sent to \(webhook.shownURL) but not recorded "
                        + "(\(error.localizedDescription)): the next scan may send it again")
                }
                sent += 1
                if waitingIds.contains(event.id) { resent += 1 }
            }
            report.sent += sent
            report.resent += resent
            if sent > 0 || failed > 0 {
                report.lines.append("alerts: \(sent) sent to \(webhook.shownURL) (\(webhook.format.rawValue))"
                    + (resent > 0 ? ", \(resent) of them from an earlier scan" : "")
                    + (failed > 0 ? ", \(failed) failed" : ""))
            }
        }
        return report
    }

    /// The webhook's outbox as events; a row that no longer reads as an event is reported and left in place.
    private func queued(for webhook: AlertWebhook, store: StratStore, report: inout Report) throws -> [AlertEvent] {
        try store.queuedAlerts(webhookId: webhook.id).compactMap { row in
            guard let event = try? JSONDecoder().decode(AlertEvent.self, from: Data(row.json.utf8)) else {
                report.fail("alert \(row.eventId) waiting for \(webhook.shownURL) cannot be read back; it stays in the outbox")
                return nil
            }
            return event
        }
    }

    /// Sends a test message to every webhook, recording nothing; one line per webhook.
    package func test(at date: Date) async -> Report {
        var report = Report()
        let event = AlertEvent.test(at: date)
        for webhook in webhooks {
            let outcome = await sender.send(event, to: webhook)
            if outcome.delivered {
                report.sent += 1
                report.lines.append("ok: \(webhook.shownURL) (\(webhook.format.rawValue)) answered HTTP \(outcome.status ?? 0) "
                    + "after \(Self.attempts(outcome.attempts))")
            } else {
                report.fail("failed: \(webhook.shownURL) (\(webhook.format.rawValue)) after \(Self.attempts(outcome.attempts)): "
                    + (outcome.failure ?? "unknown"))
            }
        }
        return report
    }

    /// The event as the outbox keeps it.
    static func stored(_ event: AlertEvent) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(event), as: UTF8.self)
    }

    static func attempts(_ count: Int) -> String { count == 1 ? "1 attempt" : "\(count) attempts" }
}

extension AlertDispatcher.Report {
    mutating func fail(_ message: String) {
        failures.append(message)
        lines.append(message)
    }
}
