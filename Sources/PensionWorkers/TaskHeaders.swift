import AMQP
import Foundation

/// Header names PensionPay puts on messages it retries or parks.
public enum TaskHeaders {
    /// 1-based attempt number of the delivery (absent on a first publish).
    public static let attempt = "x-pensionpay-attempt"
    /// Why the previous attempt failed (retries) or why the message was parked.
    public static let reason = "x-pensionpay-reason"
    /// When it was parked (ISO 8601, UTC).
    public static let parkedAt = "x-pensionpay-parked-at"
    /// Which worker parked it.
    public static let worker = "x-pensionpay-worker"
    /// The work queue it came from.
    public static let sourceQueue = "x-pensionpay-queue"

    /// The attempt number of a delivery: our header, else 1.
    public static func attempt(of delivery: AMQPDelivery) -> Int {
        if let value = delivery.properties.headers[attempt]?.intValue, value >= 1 { return Int(value) }
        return 1
    }
}
