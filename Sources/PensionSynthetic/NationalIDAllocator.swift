/// Hands out unique 12-digit ID numbers without remembering them.
///
/// An ID is prefix (3) + century/sex digit (1) + YY (2) + six digits. Those first six digits name
/// a bucket; within it the n-th ID takes `(n × multiplier + offset) mod 10⁶`, a bijection of
/// 0..<10⁶ because the multiplier is coprime to 10. IDs are therefore unique by construction while
/// the state is one counter per bucket (≈ 28k counters, whatever the roster size), and the last six
/// digits still look random.
public struct NationalIDAllocator: Sendable {
    /// Coprime to 10, so multiplication permutes 0..<10⁶.
    static let multiplier = 736_381
    private let bucketCapacity: Int
    private let prefixes: [String]
    private let prefixIndex: [String: Int]
    private var issued: [Int32]
    private let seed: UInt64

    /// Creates an allocator for IDs with these prefixes. `bucketCapacity` (a power of ten up to
    /// 10⁶) is lowered only by tests, to fill a bucket quickly.
    public init(prefixes: [String], seed: UInt64, bucketCapacity: Int = 1_000_000) {
        precondition([1, 10, 100, 1_000, 10_000, 100_000, 1_000_000].contains(bucketCapacity), "capacity must be a power of ten ≤ 10⁶")
        self.bucketCapacity = bucketCapacity
        self.prefixes = prefixes
        self.prefixIndex = Dictionary(uniqueKeysWithValues: prefixes.enumerated().map { ($1, $0) })
        self.issued = Array(repeating: 0, count: prefixes.count * 10 * 100)
        self.seed = seed
    }

    /// The century/sex digit of FACTS §2a: 1900s 0/1, 2000s 2/3, … (even = male).
    public static func centuryDigit(birthYear: Int, male: Bool) -> Int {
        2 * ((birthYear - 1900) / 100) + (male ? 0 : 1)
    }

    /// The next unused ID in the bucket of this prefix, birth year and sex, or nil when all 10⁶ IDs
    /// of the bucket are taken (the caller draws another prefix).
    public mutating func next(prefix: String, birthYear: Int, male: Bool) -> String? {
        guard let p = prefixIndex[prefix] else { preconditionFailure("unknown prefix \(prefix)") }
        let century = Self.centuryDigit(birthYear: birthYear, male: male)
        precondition((0...9).contains(century), "birth year out of the ID range")
        let yy = birthYear % 100
        let bucket = (p * 10 + century) * 100 + yy
        let serial = Int(issued[bucket])
        guard serial < bucketCapacity else { return nil }
        issued[bucket] += 1
        var mixer = SplitMix64(seed: seed, stream: UInt64(bucket))
        let offset = mixer.int(bucketCapacity)
        let tail = (serial * Self.multiplier + offset) % bucketCapacity
        return prefix + String(century) + Self.twoDigits(yy) + Self.sixDigits(tail)
    }

    static func twoDigits(_ value: Int) -> String { value < 10 ? "0" + String(value) : String(value) }

    static func sixDigits(_ value: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: 6 - digits.count) + digits
    }
}
