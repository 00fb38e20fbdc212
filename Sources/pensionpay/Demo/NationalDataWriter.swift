import Foundation
import PensionSynthetic

/// Streams a national-size synthetic roster and the registry extract of one month to
/// `roster.csv` and `registry.csv`, one person at a time.
struct NationalDataWriter {
    let options: NationalRosterOptions
    let month: Int

    /// Writes both files into `directory` and returns what they hold; `progress` gets the number of
    /// people written so far, every 10,000.
    func write(to directory: URL, progress: (Int) -> Void = { _ in }) throws -> NationalRosterTally {
        var roster = try BufferedFileWriter(url: directory.appendingPathComponent("roster.csv"))
        var registry = try BufferedFileWriter(url: directory.appendingPathComponent("registry.csv"))
        try roster.write(SyntheticCSV.rosterHeader)
        try registry.write(SyntheticCSV.registryHeader)
        var tally = NationalRosterTally()
        for person in NationalRoster(options: options) {
            try roster.write(SyntheticCSV.rosterLine(person))
            if let line = SyntheticCSV.registryLine(person, month: month) { try registry.write(line) }
            tally.add(person, month: month)
            if tally.rosterRows % 10_000 == 0 { progress(tally.rosterRows) }
        }
        try roster.close()
        try registry.close()
        return tally
    }
}
