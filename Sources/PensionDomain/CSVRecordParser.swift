import Foundation

/// An incremental RFC 4180 CSV parser over raw bytes.
///
/// Bytes can arrive in chunks of any size (a record, a quote or a UTF-8 sequence may be split
/// between chunks), so large rosters are read without holding the file in memory. It accepts
/// CRLF, LF or lone CR line ends, skips a leading UTF-8 BOM and blank lines, and reports each
/// record with the physical line it starts on. The first syntax error stops parsing: it is
/// reported by `finish()`, because a broken file (wrong encoding, stray quote) is usually broken
/// beyond that row.
public struct CSVRecordParser: Sendable {
    private enum State: Sendable {
        case fieldStart, unquoted, quoted, quoteInQuoted
    }

    /// The field separator byte (a comma by default).
    public let delimiter: UInt8
    /// The largest record accepted, in bytes; bounds memory if a stray quote swallows the rest of a file.
    public let maxRecordBytes: Int

    private var state = State.fieldStart
    // The current record's field bytes end to end, and where each finished field ends: two
    // buffers kept across records rather than an array per field.
    private var bytes: [UInt8] = []
    private var fieldEnds: [Int] = []
    private var recordHasContent = false
    private var line = 1
    private var recordLine = 1
    private var quoteLine = 1
    private var lastWasCR = false
    private var bomPending: [UInt8] = []
    private var bomDone = false
    private var failure: CSVSyntaxError?
    private var ready: [CSVRecord] = []

    private static let quote = UInt8(ascii: "\"")
    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")
    private static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Creates a parser.
    public init(delimiter: UInt8 = UInt8(ascii: ","), maxRecordBytes: Int = 1 << 20) {
        self.delimiter = delimiter
        self.maxRecordBytes = maxRecordBytes
    }

    /// The first syntax error, once one has been met; later input is ignored.
    public var error: CSVSyntaxError? { failure }

    /// Consumes a chunk and returns the records completed by it.
    public mutating func feed(_ chunk: some Sequence<UInt8>) -> [CSVRecord] {
        // Called across modules the generic loop is not specialised and steps through the
        // sequence's iterator one byte at a time; contiguous input (Data, arrays) takes a pointer loop.
        let done: Void? = chunk.withContiguousStorageIfAvailable { buffer in
            for byte in buffer where failure == nil { take(byte) }
        }
        if done == nil {
            for byte in chunk where failure == nil { take(byte) }
        }
        return takeReady()
    }

    /// One byte of input: the leading BOM is held back until it is known to be one.
    private mutating func take(_ byte: UInt8) {
        if bomDone {
            consume(byte)
            return
        }
        bomPending.append(byte)
        if bomPending == Self.bom {
            bomPending = []
            bomDone = true
        } else if !Self.bom.starts(with: bomPending) {
            replayBOMPending()
        }
    }

    /// Signals the end of input: returns the last record (a final line break is optional) or throws the
    /// first syntax error, including a quote left open at end of file.
    public mutating func finish() throws(CSVSyntaxError) -> [CSVRecord] {
        if !bomDone { replayBOMPending() }
        if failure == nil {
            switch state {
            case .quoted:
                failure = CSVSyntaxError(code: .unterminatedQuote, line: quoteLine,
                                         message: "a quoted field opened here is never closed")
            case .fieldStart, .unquoted, .quoteInQuoted:
                if recordHasContent { endRecord() }
            }
        }
        if let failure { throw failure }
        return takeReady()
    }

    private mutating func takeReady() -> [CSVRecord] {
        defer { ready = [] }
        return ready
    }

    private mutating func replayBOMPending() {
        bomDone = true
        let pending = bomPending
        bomPending = []
        for byte in pending where failure == nil { consume(byte) }
    }

    private mutating func consume(_ byte: UInt8) {
        if lastWasCR {
            lastWasCR = false
            if byte == Self.lf {
                // Second half of CRLF: the CR already ended the line (and the record, outside quotes).
                if state == .quoted { append(byte) }
                return
            }
        }
        let isNewline = byte == Self.lf || byte == Self.cr
        if byte == Self.cr { lastWasCR = true }

        switch state {
        case .fieldStart:
            if byte == Self.quote {
                state = .quoted
                quoteLine = line
                recordHasContent = true
            } else if byte == delimiter {
                fieldEnds.append(bytes.count)
                recordHasContent = true
            } else if isNewline {
                endRecord()
            } else {
                append(byte)
                state = .unquoted
                recordHasContent = true
            }
        case .unquoted:
            if byte == delimiter {
                fieldEnds.append(bytes.count)
                state = .fieldStart
            } else if isNewline {
                endRecord()
            } else {
                // A quote inside an unquoted field is kept literally (e.g. 5" tall), as most spreadsheets do.
                append(byte)
            }
        case .quoted:
            if byte == Self.quote {
                state = .quoteInQuoted
            } else {
                append(byte)
                if isNewline { line += 1 }
            }
        case .quoteInQuoted:
            if byte == Self.quote {
                append(byte)
                state = .quoted
            } else if byte == delimiter {
                fieldEnds.append(bytes.count)
                state = .fieldStart
            } else if isNewline {
                endRecord()
            } else {
                failure = CSVSyntaxError(code: .unexpectedCharacterAfterQuote, line: line,
                                         message: "unexpected character after a closing quote (quotes inside a quoted field must be doubled)")
            }
        }
    }

    private mutating func append(_ byte: UInt8) {
        if bytes.count >= maxRecordBytes {
            failure = CSVSyntaxError(code: .recordTooLarge, line: recordLine,
                                     message: "the record starting here is longer than \(maxRecordBytes) bytes (a stray quote?)")
            return
        }
        bytes.append(byte)
    }

    /// Closes the current record at a line break (or end of input) and moves to the next line.
    private mutating func endRecord() {
        if recordHasContent {
            fieldEnds.append(bytes.count)
            var strings: [String] = []
            strings.reserveCapacity(fieldEnds.count)
            var start = 0
            for end in fieldEnds {
                guard let text = String(validating: bytes[start..<end], as: UTF8.self) else {
                    failure = CSVSyntaxError(code: .invalidUTF8, line: recordLine,
                                             message: "the text is not UTF-8 (save the file as CSV UTF-8)")
                    return
                }
                strings.append(text)
                start = end
            }
            ready.append(CSVRecord(fields: strings, line: recordLine))
        }
        bytes.removeAll(keepingCapacity: true)
        fieldEnds.removeAll(keepingCapacity: true)
        recordHasContent = false
        state = .fieldStart
        line += 1
        recordLine = line
    }
}
