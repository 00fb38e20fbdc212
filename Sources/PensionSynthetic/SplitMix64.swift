/// SplitMix64: a small, fast, seedable generator, so synthetic data is the same on every machine.
///
/// Foundation's generators are not seedable on Linux, and the national roster must be regenerated
/// bit for bit (month 2's registry extract describes the same people as month 1's).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates a generator from a seed.
    public init(seed: UInt64) { state = seed }

    /// A generator for one item of a stream (a person), independent of how many numbers the other
    /// items drew: changing one person's draws never shifts anyone else's.
    public init(seed: UInt64, stream: UInt64) {
        var mixer = SplitMix64(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        state = mixer.next()
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<upperBound` (modulo bias is negligible for the small bounds used here).
    public mutating func int(_ upperBound: Int) -> Int { Int(next() % UInt64(upperBound)) }

    /// A number in `range`.
    public mutating func int(in range: ClosedRange<Int>) -> Int { range.lowerBound + int(range.count) }

    /// A uniform number in `0..<1`, from the top 53 bits.
    public mutating func unit() -> Double { Double(next() >> 11) / Double(UInt64(1) << 53) }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// One element of a non-empty array, uniformly.
    public mutating func pick<T>(_ items: [T]) -> T { items[int(items.count)] }

    /// `count` random decimal digits (leading zeros kept).
    public mutating func digits(_ count: Int) -> String {
        var text = ""
        text.reserveCapacity(count)
        for _ in 0..<count { text.append(Character(Unicode.Scalar(UInt8(48 + int(10))))) }
        return text
    }
}
