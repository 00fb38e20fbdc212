import PensionSynthetic

/// SplitMix64: a small seeded generator, so a fuzzing run is the same on every machine and a failure
/// can be replayed from its seed. The synthetic-data generator's, so there is one implementation.
public typealias SeededGenerator = SplitMix64
