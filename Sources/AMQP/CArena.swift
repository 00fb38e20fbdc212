import CRabbitMQ

/// Memory for one C call: strings and tables copied into an `amqp_pool_t`, freed together.
///
/// librabbitmq keeps raw pointers to every key, value and string until the call returns
/// (`amqp_cstring_bytes` on a Swift string dangles at once), so each call copies what it
/// passes into an arena that outlives the call, and drops the arena afterwards.
/// Used only on the connection's own thread.
final class CArena {
    private let pool: UnsafeMutablePointer<amqp_pool_t>

    init() {
        pool = .allocate(capacity: 1)
        init_amqp_pool(pool, 4096)
    }

    deinit {
        empty_amqp_pool(pool)
        pool.deallocate()
    }

    /// Copies raw bytes into the arena.
    func bytes(_ source: UnsafeRawBufferPointer) -> amqp_bytes_t {
        guard source.count > 0, let base = source.baseAddress else { return amqp_empty_bytes }
        var out = amqp_bytes_t()
        amqp_pool_alloc_bytes(pool, source.count, &out)
        out.bytes.copyMemory(from: base, byteCount: source.count)
        return out
    }

    /// Copies a byte array into the arena.
    func bytes(_ array: [UInt8]) -> amqp_bytes_t {
        array.withUnsafeBytes { bytes($0) }
    }

    /// Copies a string's UTF-8 into the arena.
    func bytes(_ string: String) -> amqp_bytes_t {
        var copy = string
        return copy.withUTF8 { bytes(UnsafeRawBufferPointer($0)) }
    }

    /// Encodes a Swift table into C entries living in the arena.
    func table(_ table: AMQPTable) -> amqp_table_t {
        if table.isEmpty { return amqp_empty_table }
        let entries = amqp_pool_alloc(pool, MemoryLayout<amqp_table_entry_t>.stride * table.count)!
            .bindMemory(to: amqp_table_entry_t.self, capacity: table.count)
        for (i, (key, value)) in table.sorted(by: { $0.key < $1.key }).enumerated() {
            entries[i] = amqp_table_entry_t(key: bytes(key), value: field(value))
        }
        return amqp_table_t(num_entries: Int32(table.count), entries: entries)
    }

    private func field(_ value: AMQPFieldValue) -> amqp_field_value_t {
        var v = amqp_field_value_t()
        switch value {
        case .string(let s):
            v.kind = UInt8(AMQP_FIELD_KIND_UTF8.rawValue)
            v.value.bytes = bytes(s)
        case .int(let i):
            v.kind = UInt8(AMQP_FIELD_KIND_I64.rawValue)
            v.value.i64 = i
        case .bool(let b):
            v.kind = UInt8(AMQP_FIELD_KIND_BOOLEAN.rawValue)
            v.value.boolean = b ? 1 : 0
        case .double(let d):
            v.kind = UInt8(AMQP_FIELD_KIND_F64.rawValue)
            v.value.f64 = d
        case .timestamp(let t):
            v.kind = UInt8(AMQP_FIELD_KIND_TIMESTAMP.rawValue)
            v.value.u64 = t
        case .bytes(let b):
            v.kind = UInt8(AMQP_FIELD_KIND_BYTES.rawValue)
            v.value.bytes = bytes(b)
        case .array(let items):
            v.kind = UInt8(AMQP_FIELD_KIND_ARRAY.rawValue)
            let entries = items.isEmpty ? nil : amqp_pool_alloc(pool, MemoryLayout<amqp_field_value_t>.stride * items.count)!
                .bindMemory(to: amqp_field_value_t.self, capacity: items.count)
            for (i, item) in items.enumerated() { entries![i] = field(item) }
            v.value.array = amqp_array_t(num_entries: Int32(items.count), entries: entries)
        case .table(let t):
            v.kind = UInt8(AMQP_FIELD_KIND_TABLE.rawValue)
            v.value.table = table(t)
        case .void:
            v.kind = UInt8(AMQP_FIELD_KIND_VOID.rawValue)
        }
        return v
    }
}

extension amqp_bytes_t {
    /// A Swift copy of the bytes (the C memory belongs to the connection's buffers).
    var array: [UInt8] {
        guard len > 0, let bytes else { return [] }
        return Array(UnsafeRawBufferPointer(start: bytes, count: len))
    }

    /// A Swift string copy (invalid UTF-8 is repaired, never trapped on).
    var string: String {
        String(decoding: array, as: UTF8.self)
    }
}

/// Decodes a C table into Swift values (copying everything).
func decodeTable(_ table: amqp_table_t) -> AMQPTable {
    var out: AMQPTable = [:]
    guard table.num_entries > 0, let entries = table.entries else { return out }
    for i in 0..<Int(table.num_entries) {
        out[entries[i].key.string] = decodeField(entries[i].value)
    }
    return out
}

private func decodeField(_ v: amqp_field_value_t) -> AMQPFieldValue {
    switch amqp_field_value_kind_t(rawValue: UInt32(v.kind)) {
    case AMQP_FIELD_KIND_BOOLEAN: return .bool(v.value.boolean != 0)
    case AMQP_FIELD_KIND_I8: return .int(Int64(v.value.i8))
    case AMQP_FIELD_KIND_U8: return .int(Int64(v.value.u8))
    case AMQP_FIELD_KIND_I16: return .int(Int64(v.value.i16))
    case AMQP_FIELD_KIND_U16: return .int(Int64(v.value.u16))
    case AMQP_FIELD_KIND_I32: return .int(Int64(v.value.i32))
    case AMQP_FIELD_KIND_U32: return .int(Int64(v.value.u32))
    case AMQP_FIELD_KIND_I64: return .int(v.value.i64)
    case AMQP_FIELD_KIND_U64: return .int(Int64(truncatingIfNeeded: v.value.u64))
    case AMQP_FIELD_KIND_F32: return .double(Double(v.value.f32))
    case AMQP_FIELD_KIND_F64: return .double(v.value.f64)
    case AMQP_FIELD_KIND_UTF8: return .string(v.value.bytes.string)
    case AMQP_FIELD_KIND_BYTES: return .bytes(v.value.bytes.array)
    case AMQP_FIELD_KIND_TIMESTAMP: return .timestamp(v.value.u64)
    case AMQP_FIELD_KIND_TABLE: return .table(decodeTable(v.value.table))
    case AMQP_FIELD_KIND_ARRAY:
        var items: [AMQPFieldValue] = []
        let array = v.value.array
        if array.num_entries > 0, let entries = array.entries {
            for i in 0..<Int(array.num_entries) { items.append(decodeField(entries[i])) }
        }
        return .array(items)
    default: return .void
    }
}
