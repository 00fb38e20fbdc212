import ArgumentParser
import Foundation

/// Output helpers: results go to stdout, diagnostics to stderr.
enum Console {
    /// Writes a line to standard error.
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Prints an error for the operator and fails the command with exit code 1.
    static func fail(_ line: String) -> ExitCode {
        error("error: \(line)")
        return ExitCode.failure
    }

    /// True when standard error is a terminal (progress bars only then).
    static var isInteractive: Bool { isatty(STDERR_FILENO) == 1 }
}
