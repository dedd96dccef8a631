import Foundation
import Store

/// Sends each event to every webhook that wants it, once: an event a webhook accepted is recorded in the store
/// and skipped when a rerun hands it over again. The scan hands its signals here; fills and halts join the same
/// list.
package struct AlertDispatcher: Sendable {
    /// What one dispatch did: lines for the person, and the failures among them.
    package struct Report: Hashable, Sendable {
        package var lines: [String] = []
        package var failures: [String] = []
        package var sent = 0
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
    package func dispatch(_ events: [AlertEvent], store: StratStore) async -> Report {
        var report = Report()
        for webhook in webhooks {
            let due = events.filter { webhook.accepts($0.kind) && $0.kind != .test }
            guard !due.isEmpty else { continue }
            let delivered: Set<String>
            do {
                delivered = try store.deliveredAlerts(webhookId: webhook.id, eventIds: due.map(\.id))
            } catch {
                // Without the record a send could repeat one already made, so nothing is sent to this webhook.
                report.fail("alerts to \(webhook.shownURL) not sent: cannot read which were sent before: \(error.localizedDescription)")
                continue
            }
            var sent = 0, failed = 0
            for event in due {
                if delivered.contains(event.id) {
                    report.alreadySent += 1
                    continue
                }
                let outcome = await sender.send(event, to: webhook)
                guard outcome.delivered else {
                    failed += 1
                    report.fail("alert \"\(event.title)\" to \(webhook.shownURL) (\(webhook.format.rawValue)) failed after "
                        + "\(Self.attempts(outcome.attempts)): \(outcome.failure ?? "unknown"); a rerun sends it again")
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
            }
            report.sent += sent
            if sent > 0 || failed > 0 {
                report.lines.append("alerts: \(sent) sent to \(webhook.shownURL) (\(webhook.format.rawValue))"
                    + (failed > 0 ? ", \(failed) failed" : ""))
            }
        }
        return report
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

    static func attempts(_ count: Int) -> String { count == 1 ? "1 attempt" : "\(count) attempts" }
}

extension AlertDispatcher.Report {
    mutating func fail(_ message: String) {
        failures.append(message)
        lines.append(message)
    }
}
