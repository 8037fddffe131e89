import Dispatch
import Logbook

/// Writes audit events on a serial Dispatch queue, the way code that wraps a
/// callback-based or thread-confined library does.
///
/// Dispatch queues do not see task-local values, so the context is captured in the task
/// and re-bound on the queue. Without the re-binding the audit records would carry no
/// `request_id`; with a context kept on shared state instead, they could carry another
/// request's.
final class AuditTrail: Sendable {
    private let log = Log("app.orders.audit")
    private let queue = DispatchQueue(label: "app.orders.audit")

    func record(_ event: String, orderID: String) async {
        let context = LogContext.current
        await withCheckedContinuation { continuation in
            queue.async {
                LogContext.with(context) {
                    self.log.info("audit event", ["event": event, "order_id": orderID])
                }
                continuation.resume()
            }
        }
    }
}
