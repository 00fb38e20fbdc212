import Testing
@testable import PensionDomain

@Suite("CSVRecordParser")
struct CSVRecordParserTests {
    /// Parses in one go, or byte by byte, so split sequences are exercised too.
    private func parse(_ bytes: [UInt8], chunk: Int? = nil) throws(CSVSyntaxError) -> [CSVRecord] {
        var parser = CSVRecordParser()
        var records: [CSVRecord] = []
        if let chunk {
            var index = 0
            while index < bytes.count {
                records += parser.feed(bytes[index..<min(index + chunk, bytes.count)])
                index += chunk
            }
        } else {
            records += parser.feed(bytes)
        }
        records += try parser.finish()
        return records
    }

    private func parse(_ text: String, chunk: Int? = nil) throws(CSVSyntaxError) -> [CSVRecord] {
        try parse(Array(text.utf8), chunk: chunk)
    }

    @Test("simple and quoted records", arguments: [nil, 1, 2, 3, 7] as [Int?])
    func basics(chunk: Int?) throws {
        let records = try parse("a,b,c\n1,\"x,y\",\"say \"\"hi\"\"\"\n,,\n", chunk: chunk)
        #expect(records == [
            CSVRecord(fields: ["a", "b", "c"], line: 1),
            CSVRecord(fields: ["1", "x,y", "say \"hi\""], line: 2),
            CSVRecord(fields: ["", "", ""], line: 3),
        ])
    }

    @Test("embedded newlines keep physical line numbers", arguments: [nil, 1, 4] as [Int?])
    func embeddedNewlines(chunk: Int?) throws {
        let text = "h1,h2\r\n\"line one\r\nline two\",x\r\n\"a\nb\nc\",y\r\nlast,z"
        let records = try parse(text, chunk: chunk)
        #expect(records.map(\.line) == [1, 2, 4, 7])
        #expect(records[1].fields == ["line one\r\nline two", "x"])
        #expect(records[2].fields == ["a\nb\nc", "y"])
        #expect(records[3].fields == ["last", "z"])
    }

    @Test("CRLF, LF and lone CR line ends", arguments: ["a,b\r\nc,d\r\n", "a,b\nc,d\n", "a,b\rc,d\r", "a,b\r\nc,d"])
    func lineEnds(text: String) throws {
        let records = try parse(text)
        #expect(records == [CSVRecord(fields: ["a", "b"], line: 1), CSVRecord(fields: ["c", "d"], line: 2)])
    }

    @Test("BOM is skipped, even split across chunks", arguments: [nil, 1, 2] as [Int?])
    func bom(chunk: Int?) throws {
        let records = try parse([0xEF, 0xBB, 0xBF] + Array("national_id,x\n1,2\n".utf8), chunk: chunk)
        #expect(records.first?.fields == ["national_id", "x"])
        #expect(records.map(\.line) == [1, 2])
    }

    @Test func partialBOMIsData() throws {
        #expect(throws: CSVSyntaxError.self) { try parse([0xEF, 0xBB]) } // not valid UTF-8 on its own
        #expect(try parse("ab").first?.fields == ["ab"])
        #expect(try parse("a").first?.fields == ["a"])
    }

    @Test func blankLinesAreSkippedButCounted() throws {
        let records = try parse("a\n\n\nb\n\r\nc")
        #expect(records.map(\.line) == [1, 4, 6])
        #expect(records.map(\.fields) == [["a"], ["b"], ["c"]])
    }

    @Test func quotedEmptyFieldIsARecord() throws {
        #expect(try parse("\"\"\n").map(\.fields) == [[""]])
    }

    @Test func vietnameseTextSplitAcrossChunks() throws {
        let records = try parse("Nguyễn Thị Ánh Đào,\"Hòa, Bình\"\n", chunk: 1)
        #expect(records.first?.fields == ["Nguyễn Thị Ánh Đào", "Hòa, Bình"])
    }

    @Test func invalidUTF8ReportsTheRecordLine() {
        var bytes = Array("a,b\nc,d\n".utf8)
        bytes += [0x4E, 0x67, 0x75, 0x79, 0xEA, 0x6E, 0x2C, 0x78, 0x0A] // "Nguyên" in Latin-1
        bytes += Array("e,f\n".utf8)
        var parser = CSVRecordParser()
        let early = parser.feed(bytes)
        #expect(early.map(\.line) == [1, 2])
        #expect(parser.error?.code == .invalidUTF8)
        do {
            _ = try parser.finish()
            Issue.record("expected a throw")
        } catch {
            #expect(error.code == .invalidUTF8)
            #expect(error.line == 3)
            #expect(error.description.hasPrefix("line 3: "))
        }
    }

    @Test func unterminatedQuoteReportsWhereItOpened() {
        do {
            _ = try parse("a,b\nc,d\ne,\"never closed\nmore\nlines")
            Issue.record("expected a throw")
        } catch {
            #expect(error.code == .unterminatedQuote)
            #expect(error.line == 3)
        }
    }

    @Test func characterAfterClosingQuoteIsAnError() {
        do {
            _ = try parse("a,b\n\"x\"y,z\n")
            Issue.record("expected a throw")
        } catch {
            #expect(error.code == .unexpectedCharacterAfterQuote)
            #expect(error.line == 2)
        }
    }

    @Test func strayQuoteInsideUnquotedFieldIsLiteral() throws {
        #expect(try parse("5\" tall,x\n").first?.fields == ["5\" tall", "x"])
    }

    @Test func recordSizeLimit() {
        var parser = CSVRecordParser(maxRecordBytes: 8)
        _ = parser.feed(Array("\"0123456789\n".utf8))
        #expect(parser.error?.code == .recordTooLarge)
        #expect(throws: CSVSyntaxError.self) { try parser.finish() }
    }

    @Test func semicolonDelimiter() throws {
        var parser = CSVRecordParser(delimiter: UInt8(ascii: ";"))
        let records = parser.feed(Array("a;b,c\n".utf8)) + (try parser.finish())
        #expect(records.first?.fields == ["a", "b,c"])
    }

    @Test func emptyInput() throws {
        #expect(try parse("").isEmpty)
        #expect(try parse([0xEF, 0xBB, 0xBF]).isEmpty)
    }
}
