/// A fixed table of items with relative weights, drawn by binary search on the cumulative weights.
public struct WeightedTable<Element: Sendable>: Sendable {
    /// The items, in the order given.
    public let items: [Element]
    private let cumulative: [Double]

    /// Creates a table; weights must be non-negative and not all zero.
    public init(_ entries: [(Element, Double)]) {
        precondition(!entries.isEmpty, "a weighted table needs at least one entry")
        items = entries.map(\.0)
        var running = 0.0
        cumulative = entries.map { running += $0.1; return running }
        precondition(running > 0, "a weighted table needs a positive total weight")
    }

    /// The sum of the weights.
    public var totalWeight: Double { cumulative[cumulative.count - 1] }

    /// The index of a weighted random item.
    public func pickIndex(using rng: inout SplitMix64) -> Int {
        let target = rng.unit() * totalWeight
        var low = 0, high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] > target { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// A weighted random item.
    public func pick(using rng: inout SplitMix64) -> Element { items[pickIndex(using: &rng)] }
}
