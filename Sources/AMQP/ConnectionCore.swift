import CRabbitMQ
import Foundation
import Logging

/// The librabbitmq connection and everything that touches it.
///
/// Thread-confined: created, used and destroyed only on its `ConnectionThread`, because
/// librabbitmq connections are not thread-safe. It is deliberately not `Sendable`.
final class ConnectionCore {
    let id: UInt64
    let url: AMQPURL
    let logger: Logger
    private let state: amqp_connection_state_t
    /// All PensionPay traffic of one connection uses one channel.
    let channel: amqp_channel_t = 1

    /// Set once the connection is unusable; every later command fails with it.
    private(set) var failure: AMQPError?
    private var confirmsEnabled = false
    private var confirms = ConfirmTracker()
    private var consumers: [String: DeliverySink] = [:]

    init(id: UInt64, url: AMQPURL, name: String, logger: Logger) throws {
        self.id = id
        self.url = url
        self.logger = logger
        guard let state = amqp_new_connection() else {
            throw AMQPError(.connectFailed, "out of memory creating a connection")
        }
        self.state = state
        // On failure deinit still runs (the object is fully initialised) and destroys `state`.
        try open(name: name)
    }

    private func open(name: String) throws {
        var timeout = timeval(duration: url.connectionTimeout)
        let socket: OpaquePointer?
        if url.tls {
            socket = amqp_ssl_socket_new(state)
            guard let socket else { throw AMQPError(.connectFailed, "could not create a TLS socket") }
            amqp_ssl_socket_set_verify_peer(socket, url.verifyPeer ? 1 : 0)
            amqp_ssl_socket_set_verify_hostname(socket, url.verifyPeer ? 1 : 0)
            if let ca = url.caCertFile, amqp_ssl_socket_set_cacert(socket, ca) != AMQP_STATUS_OK.rawValue {
                throw AMQPError(.connectFailed, "cannot read CA certificate \(ca)")
            }
            if let cert = url.certFile, let key = url.keyFile,
               amqp_ssl_socket_set_key(socket, cert, key) != AMQP_STATUS_OK.rawValue {
                throw AMQPError(.connectFailed, "cannot read client certificate \(cert) or key \(key)")
            }
        } else {
            socket = amqp_tcp_socket_new(state)
            guard socket != nil else { throw AMQPError(.connectFailed, "could not create a socket") }
        }
        let rc = amqp_socket_open_noblock(socket, url.host, Int32(url.port), &timeout)
        guard rc == AMQP_STATUS_OK.rawValue else {
            let text = String(cString: amqp_error_string2(rc))
            if url.tls, let why = Self.tlsFailure(rc, url: url) {
                throw AMQPError(.connectFailed, "TLS connection to \(url.host):\(url.port) failed: \(why) (\(text))")
            }
            throw AMQPError(.connectFailed, "cannot reach \(url.host):\(url.port): \(text)")
        }
        amqp_set_handshake_timeout(state, &timeout)
        amqp_set_rpc_timeout(state, &timeout)

        let arena = CArena()
        defer { withExtendedLifetime(arena) {} }
        var properties = arena.table([
            "connection_name": .string(name),
            "product": .string("PensionPay"),
            "capabilities": .table([
                "publisher_confirms": .bool(true),
                "consumer_cancel_notify": .bool(true),
                "basic.nack": .bool(true),
                "connection.blocked": .bool(true),
                "authentication_failure_close": .bool(true),
            ]),
        ])
        let reply = pp_login_plain(state, url.vhost, 0, Int32(url.frameMax), Int32(url.heartbeat), url.user, url.password, &properties)
        if reply.reply_type != AMQP_RESPONSE_NORMAL {
            var reason = describe(reply)
            // With TLS 1.3 the broker checks a client certificate after the client's handshake
            // has finished, so a refused certificate shows up here as an SSL error.
            if url.tls, reply.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION, let why = Self.tlsFailure(reply.library_error, url: url) {
                reason += ": \(why)"
            }
            throw AMQPError(.connectFailed, "login to \(url) failed: \(reason)")
        }
        amqp_channel_open(state, channel)
        try check(amqp_get_rpc_reply(state), "opening channel")
    }

    deinit {
        amqp_destroy_connection(state)
    }

    /// What an SSL status most likely means, in the operator's terms; nil for non-TLS statuses.
    /// librabbitmq 0.11 reports a certificate the CA does not vouch for as a failed handshake.
    static func tlsFailure(_ status: Int32, url: AMQPURL) -> String? {
        let ca = url.caCertFile.map { "cacertfile=\($0)" } ?? "the system CA store (no cacertfile given)"
        switch amqp_status_enum(rawValue: status) {
        case AMQP_STATUS_SSL_HOSTNAME_VERIFY_FAILED:
            return "certificate verification failed: the broker's certificate does not name \(url.host)"
        case AMQP_STATUS_SSL_PEER_VERIFY_FAILED:
            return "certificate verification failed: the broker's certificate is not signed by a CA in \(ca), or has expired"
        case AMQP_STATUS_SSL_CONNECTION_FAILED:
            return "TLS handshake failed: certificate verification (is the broker's certificate signed by a CA in \(ca)?), "
                + "a client certificate the broker refused, or no TLS listener on this port"
        case AMQP_STATUS_SSL_ERROR:
            return "TLS error: the broker may have refused the client certificate, or closed the TLS session"
        default:
            return nil
        }
    }

    // MARK: - Loop support

    /// The socket to poll, or -1.
    var socketFD: Int32 { amqp_get_sockfd(state) }

    /// True when librabbitmq already holds input we have not handled.
    var hasBufferedInput: Bool {
        failure == nil && (amqp_frames_enqueued(state) != 0 || amqp_data_in_buffer(state) != 0)
    }

    /// How long the loop may sleep in `poll` before heartbeats need servicing.
    var pollTimeoutMilliseconds: Int32 {
        url.heartbeat > 0 ? Int32(min(1000, url.heartbeat * 250)) : 1000
    }

    /// Throws the failure that ended this connection, if any.
    func ensureUsable() throws {
        if let failure { throw failure }
    }

    /// Reads and dispatches whatever frames are ready, without blocking. Also sends a heartbeat
    /// when one is due and notices a silent broker (librabbitmq does both inside its read calls).
    func pump(maxFrames: Int) {
        guard failure == nil else { return }
        var zero = timeval(tv_sec: 0, tv_usec: 0)
        for _ in 0..<maxFrames {
            var frame = amqp_frame_t()
            let rc = amqp_simple_wait_frame_noblock(state, &frame, &zero)
            if rc == AMQP_STATUS_TIMEOUT.rawValue { break }
            guard rc == AMQP_STATUS_OK.rawValue else {
                fail(.status(rc, "reading from the broker"))
                return
            }
            handle(frame)
            if failure != nil { return }
        }
        amqp_maybe_release_buffers(state)
    }

    private func handle(_ frame: amqp_frame_t) {
        guard frame.frame_type == UInt8(AMQP_FRAME_METHOD) else { return }
        let method = frame.payload.method
        switch method.id {
        case AMQP_BASIC_DELIVER_METHOD:
            let deliver = method.decoded.assumingMemoryBound(to: amqp_basic_deliver_t.self).pointee
            let tag = deliver.consumer_tag.string
            let header = (deliveryTag: deliver.delivery_tag, redelivered: deliver.redelivered != 0,
                          exchange: deliver.exchange.string, routingKey: deliver.routing_key.string)
            guard let (body, properties) = readContent(frame.channel, "reading a delivery") else { return }
            let delivery = AMQPDelivery(
                deliveryTag: header.deliveryTag, redelivered: header.redelivered, exchange: header.exchange,
                routingKey: header.routingKey, consumerTag: tag, body: body, properties: properties, connectionID: id)
            if let consumer = consumers[tag] {
                consumer.deliver(delivery)
            } else {
                // A delivery for a consumer we already cancelled: hand it back at once.
                amqp_basic_reject(state, channel, header.deliveryTag, 1)
            }
        case AMQP_BASIC_ACK_METHOD:
            let ack = method.decoded.assumingMemoryBound(to: amqp_basic_ack_t.self).pointee
            confirms.settle(upTo: ack.delivery_tag, multiple: ack.multiple != 0, failure: nil)
        case AMQP_BASIC_NACK_METHOD:
            let nack = method.decoded.assumingMemoryBound(to: amqp_basic_nack_t.self).pointee
            confirms.settle(upTo: nack.delivery_tag, multiple: nack.multiple != 0,
                            failure: AMQPError(.nacked, "the broker refused the message (basic.nack)"))
        case AMQP_BASIC_RETURN_METHOD:
            let ret = method.decoded.assumingMemoryBound(to: amqp_basic_return_t.self).pointee
            let why = "unroutable: exchange '\(ret.exchange.string)' routing key '\(ret.routing_key.string)' (\(ret.reply_code) \(ret.reply_text.string))"
            guard let (_, properties) = readContent(frame.channel, "reading a returned message") else { return }
            confirms.markReturned(messageID: properties.messageID, error: AMQPError(.unroutable, why, replyCode: Int(ret.reply_code)))
        case AMQP_BASIC_CANCEL_METHOD:
            let cancel = method.decoded.assumingMemoryBound(to: amqp_basic_cancel_t.self).pointee
            let tag = cancel.consumer_tag.string
            logger.warning("broker cancelled consumer", metadata: ["amqp.consumer": "\(tag)"])
            consumers.removeValue(forKey: tag)?.finish(AMQPError(.consumerCancelled, "the broker cancelled consumer \(tag) (queue deleted or moved)"))
        case AMQP_CHANNEL_CLOSE_METHOD:
            let close = method.decoded.assumingMemoryBound(to: amqp_channel_close_t.self).pointee
            var ok = amqp_channel_close_ok_t()
            amqp_send_method(state, frame.channel, AMQP_CHANNEL_CLOSE_OK_METHOD, &ok)
            fail(AMQPError(.connectionLost, "broker closed the channel: \(close.reply_text.string)", replyCode: Int(close.reply_code)))
        case AMQP_CONNECTION_CLOSE_METHOD:
            let close = method.decoded.assumingMemoryBound(to: amqp_connection_close_t.self).pointee
            var ok = amqp_connection_close_ok_t()
            amqp_send_method(state, 0, AMQP_CONNECTION_CLOSE_OK_METHOD, &ok)
            fail(AMQPError(.connectionLost, "broker closed the connection: \(close.reply_text.string)", replyCode: Int(close.reply_code)))
        case AMQP_CONNECTION_BLOCKED_METHOD:
            logger.warning("broker blocked publishing (resource alarm)")
        case AMQP_CONNECTION_UNBLOCKED_METHOD:
            logger.notice("broker unblocked publishing")
        default:
            break
        }
    }

    /// Reads the header and body frames that follow a deliver/return/get-ok, copying them out.
    private func readContent(_ frameChannel: amqp_channel_t, _ context: String) -> ([UInt8], AMQPProperties)? {
        var message = amqp_message_t()
        let reply = amqp_read_message(state, frameChannel, &message, 0)
        guard reply.reply_type == AMQP_RESPONSE_NORMAL else {
            fail(AMQPError(.connectionLost, "\(context): \(describe(reply))"))
            return nil
        }
        defer { amqp_destroy_message(&message) }
        return (message.body.array, AMQPProperties(message.properties))
    }

    /// Marks the connection dead and tells every waiter.
    func fail(_ error: AMQPError) {
        guard failure == nil else { return }
        failure = error
        if error.code != .connectionClosed {
            logger.warning("AMQP connection lost", metadata: ["amqp.error": "\(error)"])
        }
        for (_, consumer) in consumers { consumer.finish(error) }
        consumers.removeAll()
        confirms.failAll(error)
    }

    /// Closes the connection politely (cancel consumers first: see STACK-NOTES on #10327).
    func close() {
        guard failure == nil else { return }
        for tag in consumers.keys {
            let arena = CArena()
            defer { withExtendedLifetime(arena) {} }
            amqp_basic_cancel(state, channel, arena.bytes(tag))
        }
        // Drain what the broker sent before the cancel-oks so nothing is lost in flight.
        pump(maxFrames: 10_000)
        amqp_channel_close(state, channel, AMQP_REPLY_SUCCESS)
        amqp_connection_close(state, AMQP_REPLY_SUCCESS)
        fail(AMQPError(.connectionClosed, "the connection was closed"))
    }

    // MARK: - RPC replies

    /// Turns an RPC reply into a Swift error, keeping the connection usable when it can be.
    func check(_ reply: amqp_rpc_reply_t, _ context: String) throws {
        switch reply.reply_type {
        case AMQP_RESPONSE_NORMAL:
            return
        case AMQP_RESPONSE_LIBRARY_EXCEPTION:
            var error = AMQPError.status(reply.library_error, context)
            // After a failed RPC the stream position is unknown: the connection must go.
            if error.code == .timeout { error.code = .connectionLost }
            if error.code == .connectionLost { fail(error) }
            throw error
        case AMQP_RESPONSE_SERVER_EXCEPTION:
            switch reply.reply.id {
            case AMQP_CHANNEL_CLOSE_METHOD:
                let close = reply.reply.decoded.assumingMemoryBound(to: amqp_channel_close_t.self).pointee
                let text = close.reply_text.string
                let code = Int(close.reply_code)
                // The library does not answer for us; without close-ok the next channel.open
                // on this number kills the whole connection (504 CHANNEL_ERROR).
                var ok = amqp_channel_close_ok_t()
                amqp_send_method(state, channel, AMQP_CHANNEL_CLOSE_OK_METHOD, &ok)
                let error = AMQPError(code == 406 && text.contains("inequivalent arg") ? .inequivalentArguments : .channelClosed,
                                      "\(context): \(text)", replyCode: code)
                try reopenChannel(after: error)
                throw error
            case AMQP_CONNECTION_CLOSE_METHOD:
                let close = reply.reply.decoded.assumingMemoryBound(to: amqp_connection_close_t.self).pointee
                var ok = amqp_connection_close_ok_t()
                amqp_send_method(state, 0, AMQP_CONNECTION_CLOSE_OK_METHOD, &ok)
                let error = AMQPError(.connectionLost, "\(context): broker closed the connection: \(close.reply_text.string)",
                                      replyCode: Int(close.reply_code))
                fail(error)
                throw error
            default:
                throw AMQPError(.library, "\(context): unexpected broker method \(reply.reply.id)")
            }
        default:
            throw AMQPError(.library, "\(context): no reply")
        }
    }

    private func describe(_ reply: amqp_rpc_reply_t) -> String {
        switch reply.reply_type {
        case AMQP_RESPONSE_LIBRARY_EXCEPTION:
            return String(cString: amqp_error_string2(reply.library_error))
        case AMQP_RESPONSE_SERVER_EXCEPTION:
            if reply.reply.id == AMQP_CONNECTION_CLOSE_METHOD {
                let close = reply.reply.decoded.assumingMemoryBound(to: amqp_connection_close_t.self).pointee
                return "\(close.reply_code) \(close.reply_text.string)"
            }
            if reply.reply.id == AMQP_CHANNEL_CLOSE_METHOD {
                let close = reply.reply.decoded.assumingMemoryBound(to: amqp_channel_close_t.self).pointee
                return "\(close.reply_code) \(close.reply_text.string)"
            }
            return "broker method \(reply.reply.id)"
        default:
            return "no reply"
        }
    }

    /// A channel error ends the consumers and unconfirmed publishes on it; the channel is reopened.
    private func reopenChannel(after error: AMQPError) throws {
        for (_, consumer) in consumers { consumer.finish(error) }
        consumers.removeAll()
        confirms.failAll(error)
        confirms = ConfirmTracker()
        amqp_channel_open(state, channel)
        try check(amqp_get_rpc_reply(state), "reopening channel")
        if confirmsEnabled {
            amqp_confirm_select(state, channel)
            try check(amqp_get_rpc_reply(state), "re-enabling publisher confirms")
        }
    }

    // MARK: - Commands

    func declareExchange(_ name: String, kind: AMQPExchangeKind, durable: Bool, arguments: AMQPTable) throws {
        let arena = CArena()
        defer { withExtendedLifetime(arena) {} }
        amqp_exchange_declare(state, channel, arena.bytes(name), arena.bytes(kind.rawValue), 0, durable ? 1 : 0, 0, 0, arena.table(arguments))
        try check(amqp_get_rpc_reply(state), "declaring exchange \(name)")
    }

    func inspectExchange(_ name: String) throws {
        let arena = CArena()
        defer { withExtendedLifetime(arena) {} }
        amqp_exchange_declare(state, channel, arena.bytes(name), arena.bytes("direct"), 1, 0, 0, 0, amqp_empty_table)
        try check(amqp_get_rpc_reply(state), "inspecting exchange \(name)")
    }

    func deleteExchange(_ name: String) throws {
        let arena = CArena()
        defer { withExtendedLifetime(arena) {} }
        amqp_exchange_delete(state, channel, arena.bytes(name), 0)
        try check(amqp_get_rpc_reply(state), "deleting exchange \(name)")
    }

    func declareQueue(_ name: String, passive: Bool, options: AMQPQueueOptions) throws -> AMQPQueueInfo {
        let arena = CArena()
        defer { withExtendedLifetime(arena) {} }
        let ok = amqp_queue_declare(state, channel, arena.bytes(name), passive ? 1 : 0, options.durable ? 1 : 0,
                                    options.exclusive ? 1 : 0, options.autoDelete ? 1 : 0, arena.table(options.arguments))
        try check(amqp_get_rpc_reply(state), passive ? "inspecting queue \(name)" : "declaring queue \(name)")
        guard let ok else { throw AMQPError(.library, "queue.declare-ok missing for \(name)") }
        return AMQPQueueInfo(name: ok.pointee.queue.string, messageCount: Int(ok.pointee.message_count), consumerCount: Int(ok.pointee.consumer_count))
    }

    func bindQueue(_ queue: String, exchange: String, routingKey: String, arguments: AMQPTable) throws {
        let arena = CArena()
        defer { withExtendedLifetime(arena) {} }
        amqp_queue_bind(state, channel, arena.bytes(queue), arena.bytes(exchange), arena.bytes(routingKey), arena.table(arguments))
        try check(amqp_get_rpc_reply(state), "binding queue \(queue) to \(exchange) with \(routingKey)")
    }

    func unbindQueue(_ queue: String, exchange: String, routingKey: String) throws {
        let arena = CArena()
        defer { withExtendedLifetime(arena) {} }
        amqp_queue_unbind(state, channel, arena.bytes(queue), arena.bytes(exchange), arena.bytes(routingKey), amqp_empty_table)
        try check(amqp_get_rpc_reply(state), "unbinding queue \(queue) from \(exchange)")
    }

    func purgeQueue(_ name: String) throws -> Int {
        let arena = CArena()
        defer { withExtendedLifetime(arena) {} }
        let ok = amqp_queue_purge(state, channel, arena.bytes(name))
        try check(amqp_get_rpc_reply(state), "purging queue \(name)")
        return Int(ok?.pointee.message_count ?? 0)
    }

    func deleteQueue(_ name: String) throws -> Int {
        let arena = CArena()
        defer { withExtendedLifetime(arena) {} }
        let ok = amqp_queue_delete(state, channel, arena.bytes(name), 0, 0)
        try check(amqp_get_rpc_reply(state), "deleting queue \(name)")
        return Int(ok?.pointee.message_count ?? 0)
    }

    func enableConfirms() throws {
        guard !confirmsEnabled else { return }
        amqp_confirm_select(state, channel)
        try check(amqp_get_rpc_reply(state), "enabling publisher confirms")
        confirmsEnabled = true
    }

    /// Writes every message, then (with confirms) parks `completion` until the broker settles them.
    func publish(_ messages: [AMQPOutgoingMessage], completion: @escaping @Sendable (Result<Void, AMQPError>) -> Void) {
        if let failure { completion(.failure(failure)); return }
        let arena = CArena()
        defer { withExtendedLifetime(arena) {} }
        let batch = confirmsEnabled ? confirms.beginBatch(count: messages.count, completion: completion) : nil
        for message in messages {
            var properties = message.properties.cValue(arena)
            let rc = amqp_basic_publish(state, channel, arena.bytes(message.exchange), arena.bytes(message.routingKey),
                                        message.mandatory ? 1 : 0, 0, &properties, arena.bytes(message.body))
            guard rc == AMQP_STATUS_OK.rawValue else {
                fail(.status(rc, "publishing to \(message.exchange)"))
                if batch == nil { completion(.failure(failure!)) }
                return
            }
            if let batch { confirms.track(batch: batch, messageID: message.properties.messageID) }
        }
        if batch == nil { completion(.success(())) }
    }

    func consume(queue: String, prefetch: UInt16, tag: String, sink: DeliverySink) throws {
        let arena = CArena()
        defer { withExtendedLifetime(arena) {} }
        amqp_basic_qos(state, channel, 0, prefetch, 0)
        try check(amqp_get_rpc_reply(state), "setting prefetch for \(queue)")
        amqp_basic_consume(state, channel, arena.bytes(queue), arena.bytes(tag), 0, 0, 0, amqp_empty_table)
        try check(amqp_get_rpc_reply(state), "consuming from \(queue)")
        consumers[tag] = sink
    }

    func cancel(consumerTag tag: String) throws {
        guard consumers[tag] != nil else { return }
        let arena = CArena()
        defer { withExtendedLifetime(arena) {} }
        amqp_basic_cancel(state, channel, arena.bytes(tag))
        try check(amqp_get_rpc_reply(state), "cancelling consumer \(tag)")
        consumers.removeValue(forKey: tag)?.finish(nil)
    }

    func ack(_ tag: UInt64, multiple: Bool) throws {
        let rc = amqp_basic_ack(state, channel, tag, multiple ? 1 : 0)
        if rc != AMQP_STATUS_OK.rawValue { fail(.status(rc, "sending ack")); throw failure! }
    }

    func nack(_ tag: UInt64, multiple: Bool, requeue: Bool) throws {
        let rc = amqp_basic_nack(state, channel, tag, multiple ? 1 : 0, requeue ? 1 : 0)
        if rc != AMQP_STATUS_OK.rawValue { fail(.status(rc, "sending nack")); throw failure! }
    }

    func reject(_ tag: UInt64, requeue: Bool) throws {
        let rc = amqp_basic_reject(state, channel, tag, requeue ? 1 : 0)
        if rc != AMQP_STATUS_OK.rawValue { fail(.status(rc, "sending reject")); throw failure! }
    }

    func get(queue: String) throws -> AMQPDelivery? {
        let arena = CArena()
        defer { withExtendedLifetime(arena) {} }
        let reply = amqp_basic_get(state, channel, arena.bytes(queue), 0)
        try check(reply, "getting from \(queue)")
        guard reply.reply.id == AMQP_BASIC_GET_OK_METHOD else { return nil }
        let ok = reply.reply.decoded.assumingMemoryBound(to: amqp_basic_get_ok_t.self).pointee
        let header = (tag: ok.delivery_tag, redelivered: ok.redelivered != 0, exchange: ok.exchange.string, routingKey: ok.routing_key.string)
        guard let (body, properties) = readContent(channel, "reading a fetched message") else { throw failure! }
        return AMQPDelivery(deliveryTag: header.tag, redelivered: header.redelivered, exchange: header.exchange,
                            routingKey: header.routingKey, consumerTag: "", body: body, properties: properties, connectionID: id)
    }
}

extension timeval {
    init(duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self.init(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
    }
}
