import Foundation
import NIOSSL
import PensionIntegrations
import Testing

/// Loading of mutual-TLS material (a throw-away test CA and client identity, valid until 2126).
@Suite struct RegistryTLSOptionsTests {
    static let caPEM = """
-----BEGIN CERTIFICATE-----
MIIBkTCCATegAwIBAgIUWkY9Ce+Wyyib5Ryvt1uCbct4hlEwCgYIKoZIzj0EAwIw
HTEbMBkGA1UEAwwSUGVuc2lvblBheSBUZXN0IENBMCAXDTI2MTEyNjEzMDUwOFoY
DzIxMjYxMTAyMTMwNTA4WjAdMRswGQYDVQQDDBJQZW5zaW9uUGF5IFRlc3QgQ0Ew
WTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAASXE7wMpwZZJVVScBoiJZw+BxjpoZVd
lUiEH2t5440LAFDJgQlv8BtptnUwjHFXWUb1klEviInMVEqcxsxRS0T7o1MwUTAd
BgNVHQ4EFgQU+IkQAKT+eJrW1XD1SF3bFoLUIA8wHwYDVR0jBBgwFoAU+IkQAKT+
eJrW1XD1SF3bFoLUIA8wDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNIADBF
AiEAnq8Rp+TBIv4rVzAqs1wP+yFUxbSEdvLOPWxZtiih0JUCIFDlWQLJIji8GY8D
YxsYHHaO0afjJQLfGIEaJU7mQUjU
-----END CERTIFICATE-----
"""
    static let clientCertificatePEM = """
-----BEGIN CERTIFICATE-----
MIIBOjCB4QIURHaKb11PSOqS3pvjqqlxG3GjS6EwCgYIKoZIzj0EAwIwHTEbMBkG
A1UEAwwSUGVuc2lvblBheSBUZXN0IENBMCAXDTI2MTEyNjEzMDUwOFoYDzIxMjYx
MTAyMTMwNTA4WjAhMR8wHQYDVQQDDBZwZW5zaW9ucGF5LXRlc3QtY2xpZW50MFkw
EwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEN3AlP7RDLgAjsiKMek858mXCm2RmxXe3
S9pW/vfmwgnPDCqD/c1t0P6n8NgJuvFN6f5LTEASeDodWwLMHQ1qQTAKBggqhkjO
PQQDAgNIADBFAiEAloNIMBzAc3jY/usUhGTgVSq8t/J8XPTfdZuhiwIix9UCIEt7
Pfu+L6O48cyaJXY9ChgsCVBvUhrqHU5JvmhGba7Z
-----END CERTIFICATE-----
"""
    static let clientKeyPEM = """
-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgsZpDkAFpJv4uKzeo
4TH6dO5edS3goBZdMf1kAJ7fEP2hRANCAAQ3cCU/tEMuACOyIox6TznyZcKbZGbF
d7dL2lb+9+bCCc8MKoP9zW3Q/qfw2Am68U3p/ktMQBJ4Oh1bAswdDWpB
-----END PRIVATE KEY-----
"""

    func write(_ text: String, _ name: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func loadsAClientIdentityAndAPrivateCA() throws {
        let options = RegistryTLSOptions(
            certificateChainPath: try write(Self.clientCertificatePEM, "client.pem"),
            privateKeyPath: try write(Self.clientKeyPEM, "client.key"),
            trustRootsPath: try write(Self.caPEM, "ca.pem"))
        let tls = try options.makeTLSConfiguration()
        #expect(tls.certificateChain.count == 1)
        #expect(tls.privateKey != nil)
        #expect(tls.trustRoots != nil)
        #expect(tls.certificateVerification == .fullVerification)
        #expect(tls.minimumTLSVersion == .tlsv12)
    }

    @Test func defaultsUseSystemRootsAndNoClientIdentity() throws {
        let tls = try RegistryTLSOptions().makeTLSConfiguration()
        #expect(tls.certificateChain.isEmpty && tls.privateKey == nil)
    }

    @Test func halfAnIdentityIsRefused() throws {
        let certificate = try write(Self.clientCertificatePEM, "client.pem")
        #expect(throws: RegistryConfigurationError.self) {
            try RegistryTLSOptions(certificateChainPath: certificate).makeTLSConfiguration()
        }
        let key = try write(Self.clientKeyPEM, "client.key")
        #expect(throws: RegistryConfigurationError.self) {
            try RegistryTLSOptions(privateKeyPath: key).makeTLSConfiguration()
        }
    }

    @Test func aKeyFileThatIsNotAKeyIsRefused() throws {
        let options = RegistryTLSOptions(
            certificateChainPath: try write(Self.clientCertificatePEM, "client.pem"),
            privateKeyPath: try write(Self.caPEM, "not-a-key.pem"))
        #expect(throws: RegistryConfigurationError.self) { try options.makeTLSConfiguration() }
    }

    @Test func tlsNeedsAnHTTPSURL() {
        #expect(throws: RegistryConfigurationError.self) {
            try HTTPPopulationRegistry(
                options: .init(baseURL: "http://127.0.0.1:1", tls: RegistryTLSOptions()), logger: RegistryTestSupport.logger)
        }
    }

    @Test func anHTTPSClientWithMutualTLSStartsAndShutsDown() async throws {
        let options = HTTPRegistryOptions(
            baseURL: "https://127.0.0.1:1",
            tls: RegistryTLSOptions(
                certificateChainPath: try write(Self.clientCertificatePEM, "client.pem"),
                privateKeyPath: try write(Self.clientKeyPEM, "client.key"),
                trustRootsPath: try write(Self.caPEM, "ca.pem")))
        let client = try HTTPPopulationRegistry(options: options, logger: RegistryTestSupport.logger)
        try await client.shutdown()
    }
}
