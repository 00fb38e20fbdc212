import PensionDomain

/// A national-size synthetic roster, produced one person at a time.
///
/// Memory does not grow with the roster: each person comes from its own random stream
/// (`SplitMix64(seed:stream:)`), and ID uniqueness needs only one counter per ID bucket
/// (`NationalIDAllocator`). Iterate it once, in order: the IDs depend on the order.
public struct NationalRoster: Sequence, Sendable {
    /// The settings.
    public let options: NationalRosterOptions

    /// A roster with these settings.
    public init(options: NationalRosterOptions) { self.options = options }

    /// A fresh pass over the roster, from the first person.
    public func makeIterator() -> Iterator { Iterator(options: options) }

    /// The number of people.
    public var underestimatedCount: Int { options.people }

    /// Produces the people in order.
    public struct Iterator: IteratorProtocol, Sendable {
        let options: NationalRosterOptions
        private var index = 0
        private var allocator: NationalIDAllocator

        init(options: NationalRosterOptions) {
            self.options = options
            allocator = NationalIDAllocator(prefixes: BirthPlaceCodes.table.items, seed: options.seed)
        }

        /// The next person, or nil after the last.
        public mutating func next() -> SyntheticPerson? {
            guard index < options.people else { return nil }
            defer { index += 1 }
            var rng = SplitMix64(seed: options.seed, stream: UInt64(index))
            return PersonDraw(options: options, index: index).make(using: &rng, allocator: &allocator)
        }
    }
}
