extension WireVerifyTask {
    /// The task read by ``PlainJSONScanner``, or nil when the body is not in its plain subset (then
    /// `JSONDecoder` reads it). Unknown members with string values are skipped, as `JSONDecoder`
    /// skips them; a repeated member gives nil, so `JSONDecoder` decides which one counts.
    ///
    /// `JSONDecoder` was a third of the verify worker's CPU before the work itself (9 ms per batch
    /// of 500 in sitting 6's profile); every task a producer writes takes this path instead.
    static func scanningPlain(_ body: UnsafeBufferPointer<UInt8>) -> WireVerifyTask? {
        var scanner = PlainJSONScanner(body)
        var wire = WireVerifyTask()
        let read = scanner.members { scanner, key in
            if key.spells("beneficiary") {
                guard wire.beneficiary == nil, let person = Beneficiary.scanningPlain(&scanner) else { return false }
                wire.beneficiary = person
                return true
            }
            let field: WritableKeyPath<WireVerifyTask, String?>? =
                key.spells("schema") ? \.schema : key.spells("task_id") ? \.taskID : key.spells("created_at") ? \.createdAt
                : key.spells("period") ? \.period : key.spells("trace_id") ? \.traceID : nil
            return Self.store(&scanner, into: &wire, at: field)
        }
        guard read, scanner.atEnd else { return nil }
        return wire
    }

    /// Reads a string member into `field` (nil: an unknown member, read and dropped).
    fileprivate static func store<Root>(_ scanner: inout PlainJSONScanner, into root: inout Root,
                                        at field: WritableKeyPath<Root, String?>?) -> Bool {
        guard let value = scanner.string() else { return false }
        guard let field else { return true }
        guard root[keyPath: field] == nil else { return false }
        root[keyPath: field] = value
        return true
    }
}

extension WireVerifyTask.Beneficiary {
    /// The `beneficiary` object at the scanner's position, or nil outside the plain subset.
    static func scanningPlain(_ scanner: inout PlainJSONScanner) -> Self? {
        var person = Self()
        let read = scanner.members { scanner, key in
            let field: WritableKeyPath<Self, String?>? =
                key.spells("national_id") ? \.nationalID : key.spells("full_name") ? \.fullName
                : key.spells("date_of_birth") ? \.dateOfBirth : key.spells("sex") ? \.sex
                : key.spells("province_code") ? \.provinceCode : key.spells("commune_code") ? \.communeCode : nil
            return WireVerifyTask.store(&scanner, into: &person, at: field)
        }
        return read ? person : nil
    }
}
