/// An error raised by PensionStore itself (SQLite errors surface as GRDB's `DatabaseError`).
///
/// The context never carries ID numbers, names, phones or account numbers: errors end up in logs.
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, as an opaque code that callers can switch on.
    public struct Code: RawRepresentable, Hashable, Sendable {
        /// The code's stable name.
        public let rawValue: String
        /// Creates a code from its stable name.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The database file could not be created with owner-only permissions.
        public static let fileCreation = Code(rawValue: "file_creation")
        /// Migrations kept failing, even after retries meant to absorb a concurrent migrator.
        public static let migration = Code(rawValue: "migration")
        /// A database opened read-only lacks the expected schema.
        public static let schemaMissing = Code(rawValue: "schema_missing")
        /// A stored value is outside what the schema allows (a hand-edited file, a newer schema).
        public static let unexpectedValue = Code(rawValue: "unexpected_value")
        /// A caller passed an argument the store cannot use.
        public static let invalidArgument = Code(rawValue: "invalid_argument")
    }

    /// The kind of failure.
    public let code: Code
    /// Human-readable detail, free of personal data.
    public let context: String

    /// Creates an error with a code and a context free of personal data.
    public init(_ code: Code, _ context: String) {
        self.code = code
        self.context = context
    }

    /// A log-safe description: code and context only.
    public var description: String { "StoreError(\(code.rawValue)): \(context)" }
}
