import CRabbitMQ

extension AMQPProperties {
    /// Reads the properties librabbitmq decoded (copying every string).
    init(_ p: amqp_basic_properties_t) {
        let flags = p._flags
        func has(_ flag: Int32) -> Bool { flags & amqp_flags_t(flag) != 0 }
        self.init(
            contentType: has(AMQP_BASIC_CONTENT_TYPE_FLAG) ? p.content_type.string : nil,
            messageID: has(AMQP_BASIC_MESSAGE_ID_FLAG) ? p.message_id.string : nil,
            persistent: has(AMQP_BASIC_DELIVERY_MODE_FLAG) && p.delivery_mode == 2,
            headers: has(AMQP_BASIC_HEADERS_FLAG) ? decodeTable(p.headers) : [:],
            expirationMilliseconds: has(AMQP_BASIC_EXPIRATION_FLAG) ? Int(p.expiration.string) : nil,
            timestamp: has(AMQP_BASIC_TIMESTAMP_FLAG) ? p.timestamp : nil,
            correlationID: has(AMQP_BASIC_CORRELATION_ID_FLAG) ? p.correlation_id.string : nil,
            appID: has(AMQP_BASIC_APP_ID_FLAG) ? p.app_id.string : nil
        )
    }

    /// Encodes into C, with every string living in `arena`.
    func cValue(_ arena: CArena) -> amqp_basic_properties_t {
        var p = amqp_basic_properties_t()
        var flags: Int32 = AMQP_BASIC_DELIVERY_MODE_FLAG
        p.delivery_mode = persistent ? 2 : 1
        if let contentType { p.content_type = arena.bytes(contentType); flags |= AMQP_BASIC_CONTENT_TYPE_FLAG }
        if let messageID { p.message_id = arena.bytes(messageID); flags |= AMQP_BASIC_MESSAGE_ID_FLAG }
        if !headers.isEmpty { p.headers = arena.table(headers); flags |= AMQP_BASIC_HEADERS_FLAG }
        if let expirationMilliseconds { p.expiration = arena.bytes(String(expirationMilliseconds)); flags |= AMQP_BASIC_EXPIRATION_FLAG }
        if let timestamp { p.timestamp = timestamp; flags |= AMQP_BASIC_TIMESTAMP_FLAG }
        if let correlationID { p.correlation_id = arena.bytes(correlationID); flags |= AMQP_BASIC_CORRELATION_ID_FLAG }
        if let appID { p.app_id = arena.bytes(appID); flags |= AMQP_BASIC_APP_ID_FLAG }
        p._flags = amqp_flags_t(flags)
        return p
    }
}
