import Foundation
import PensionDomain
@testable import PensionIntegrations
import Testing

@Suite struct RegistryHTTPContractTests {
    typealias Support = RegistryTestSupport
    let requested = [Support.id("079150000001"), Support.id("036045000003")]

    func decode(_ json: String) throws(RegistryHTTPError) -> [NationalID: RegistryRecord] {
        try HTTPPopulationRegistry.decode(Data(json.utf8), requested: requested)
    }

    func expectMalformed(_ json: String, mentions field: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try decode(json)
            Issue.record("expected a malformed-response error", sourceLocation: sourceLocation)
        } catch {
            #expect(error.code == .malformedResponse, sourceLocation: sourceLocation)
            #expect(error.message.contains(field), "\(error.message)", sourceLocation: sourceLocation)
            #expect(!error.description.contains("079150000001") && !error.description.contains("036045000003"),
                    sourceLocation: sourceLocation)
            #expect(!error.description.contains("Nguyễn"), sourceLocation: sourceLocation)
        }
    }

    @Test func decodesAFullResponseIgnoringUnknownFieldsAndNulls() throws {
        let found = try decode("""
            {"people": [
              {"national_id": "079150000001", "full_name": "Nguyễn Văn An", "date_of_birth": "1950-03-07",
               "sex": "M", "status": "alive", "province_code": "79", "commune_code": "26734", "extra": {"x": 1}},
              {"national_id": "036045000003", "full_name": "Lê Văn Cường", "date_of_birth": null, "sex": null,
               "status": "deceased", "date_of_death": "2025-10"}
            ], "next": null}
            """)
        #expect(found.count == 2)
        let an = try #require(found[requested[0]])
        #expect(an.fullName == "Nguyễn Văn An")
        #expect(an.dateOfBirth == PartialDate(year: 1950, month: 3, day: 7))
        #expect(an.sex == .male && an.status == .alive && an.provinceCode == "79" && an.communeCode == "26734")
        let cuong = try #require(found[requested[1]])
        #expect(cuong.status == .deceased && cuong.dateOfDeath == PartialDate(year: 2025, month: 10))
        #expect(cuong.dateOfBirth == nil && cuong.sex == nil)
    }

    @Test func emptyPeopleMeansNobodyFound() throws {
        #expect(try decode(#"{"people": []}"#).isEmpty)
    }

    @Test func malformedEntriesFailTheWholeResponse() {
        let good = #""national_id": "079150000001", "full_name": "Nguyễn Văn An", "status": "alive""#
        expectMalformed(#"{"people": [{\#(good), "sex": "X"}]}"#, mentions: "sex")
        expectMalformed(#"{"people": [{\#(good), "date_of_birth": "07/03/1950"}]}"#, mentions: "date_of_birth")
        expectMalformed(#"{"people": [{\#(good), "date_of_birth": "1950-02-30"}]}"#, mentions: "date_of_birth")
        expectMalformed(#"{"people": [{\#(good), "date_of_death": "2020"}]}"#, mentions: "date_of_death")
        expectMalformed(#"{"people": [{\#(good), "province_code": "7"}]}"#, mentions: "province_code")
        expectMalformed(#"{"people": [{\#(good), "commune_code": "2673a"}]}"#, mentions: "commune_code")
        expectMalformed(#"{"people": [{"national_id": "079150000001", "full_name": " ", "status": "alive"}]}"#, mentions: "full_name")
        expectMalformed(#"{"people": [{"national_id": "079150000001", "full_name": "A", "status": "dead"}]}"#, mentions: "status")
        expectMalformed(#"{"people": [{"national_id": " 079150000001", "full_name": "A", "status": "alive"}]}"#, mentions: "national_id")
        expectMalformed(#"{"people": [{"national_id": "079150000001", "status": "alive"}]}"#, mentions: "full_name")
        expectMalformed(#"{"people": [{"national_id": 79150000001, "full_name": "A", "status": "alive"}]}"#, mentions: "national_id")
    }

    @Test func unrequestedOrRepeatedIDsAreRejected() {
        expectMalformed(#"{"people": [{"national_id": "001148000002", "full_name": "A", "status": "alive"}]}"#,
                        mentions: "not requested")
        let entry = #"{"national_id": "079150000001", "full_name": "A", "status": "alive"}"#
        expectMalformed(#"{"people": [\#(entry), \#(entry)]}"#, mentions: "twice")
    }

    @Test func nonJSONAndWrongShapesAreRejected() {
        expectMalformed("<html>bad gateway</html>", mentions: "JSON")
        expectMalformed(#"{"persons": []}"#, mentions: "people")
        expectMalformed(#"{"people": {}}"#, mentions: "people")
    }

    @Test func wireFormRoundTripsADomainRecord() throws {
        let record = RegistryRecord(
            nationalID: Support.id("036045000003"), fullName: "Lê Văn Cường",
            dateOfBirth: PartialDate(year: 1945, month: 11), sex: .male, status: .deceased,
            dateOfDeath: PartialDate(year: 2025, month: 10, day: 2), provinceCode: "36", communeCode: nil)
        let data = try JSONEncoder().encode(RegistryHTTPContract.LookupResponse(people: [.init(record)]))
        let json = String(decoding: data, as: UTF8.self)
        #expect(json.contains(#""national_id":"036045000003""#) && json.contains(#""date_of_death":"2025-10-02""#))
        #expect(try HTTPPopulationRegistry.decode(data, requested: [record.nationalID]) == [record.nationalID: record])
    }

    @Test func requestBodyUsesSnakeCase() throws {
        let data = try JSONEncoder().encode(RegistryHTTPContract.LookupRequest(nationalIDs: ["079150000001"]))
        #expect(String(decoding: data, as: UTF8.self) == #"{"national_ids":["079150000001"]}"#)
    }

    @Test func retryAfterParsing() {
        #expect(HTTPPopulationRegistry.parseRetryAfter("3") == .seconds(3))
        #expect(HTTPPopulationRegistry.parseRetryAfter(" 0 ") == .seconds(0))
        #expect(HTTPPopulationRegistry.parseRetryAfter("-1") == nil)
        #expect(HTTPPopulationRegistry.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT") == nil)
        #expect(HTTPPopulationRegistry.parseRetryAfter("99999999999999") == nil)
    }

    @Test func configurationErrors() {
        #expect(throws: RegistryConfigurationError.self) {
            try HTTPPopulationRegistry(options: .init(baseURL: "ftp://x"), logger: Support.logger)
        }
        #expect(throws: RegistryConfigurationError.self) {
            try HTTPPopulationRegistry(options: .init(baseURL: "http://127.0.0.1:1", apiKey: "a b"), logger: Support.logger)
        }
        #expect(throws: RegistryConfigurationError.self) {
            try RegistryTLSOptions(certificateChainPath: "/nonexistent/cert.pem").makeTLSConfiguration()
        }
        #expect(throws: RegistryConfigurationError.self) {
            try RegistryTLSOptions(trustRootsPath: "/nonexistent/ca.pem").makeTLSConfiguration()
        }
    }
}

@Suite struct HTTPRegistryOptionsTests {
    @Test func descriptionAndDumpNeverShowTheAPIKey() {
        let options = HTTPRegistryOptions(baseURL: "http://127.0.0.1:9", apiKey: "top-secret-key")
        var dumped = ""
        dump(options, to: &dumped)
        #expect(!"\(options)".contains("top-secret-key") && !String(reflecting: options).contains("top-secret-key"))
        #expect(!dumped.contains("top-secret-key"))
        #expect("\(options)".contains("<redacted>"))
    }
}
