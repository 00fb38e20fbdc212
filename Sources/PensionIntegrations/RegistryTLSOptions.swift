import NIOSSL

/// Mutual-TLS material for the registry client, as PEM file paths.
///
/// Paths rather than loaded objects so options stay a plain `Hashable` value that the executable can
/// fill from flags; the files are read once, when ``HTTPPopulationRegistry`` is created.
public struct RegistryTLSOptions: Hashable, Sendable {
    /// Client certificate chain (PEM, leaf first); with ``privateKeyPath`` it enables mutual TLS.
    public var certificateChainPath: String?
    /// Client private key (PEM).
    public var privateKeyPath: String?
    /// CA bundle (PEM) that signs the registry's server certificate; `nil` uses the system roots.
    public var trustRootsPath: String?

    /// Creates TLS options; all parts are optional.
    public init(certificateChainPath: String? = nil, privateKeyPath: String? = nil, trustRootsPath: String? = nil) {
        self.certificateChainPath = certificateChainPath
        self.privateKeyPath = privateKeyPath
        self.trustRootsPath = trustRootsPath
    }

    /// Builds NIOSSL's client configuration (TLS 1.2 minimum, full certificate verification).
    ///
    /// Throws ``RegistryConfigurationError`` when a file cannot be read or only half of the client
    /// identity (certificate without key, or the reverse) is given.
    public func makeTLSConfiguration() throws(RegistryConfigurationError) -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        tls.certificateVerification = .fullVerification
        if let trustRootsPath {
            do {
                let roots = try NIOSSLCertificate.fromPEMFile(trustRootsPath)
                guard !roots.isEmpty else {
                    throw RegistryConfigurationError("the CA file holds no certificate")
                }
                tls.trustRoots = .certificates(roots)
            } catch let error as RegistryConfigurationError {
                throw error
            } catch {
                throw RegistryConfigurationError("cannot read the CA file \(trustRootsPath)")
            }
        }
        switch (certificateChainPath, privateKeyPath) {
        case (nil, nil):
            break
        case let (certificatePath?, keyPath?):
            do {
                let chain = try NIOSSLCertificate.fromPEMFile(certificatePath)
                guard !chain.isEmpty else {
                    throw RegistryConfigurationError("the client certificate file holds no certificate")
                }
                tls.certificateChain = chain.map { .certificate($0) }
            } catch let error as RegistryConfigurationError {
                throw error
            } catch {
                throw RegistryConfigurationError("cannot read the client certificate file \(certificatePath)")
            }
            do {
                tls.privateKey = .privateKey(try NIOSSLPrivateKey(file: keyPath, format: .pem))
            } catch {
                throw RegistryConfigurationError("cannot read the client private key file \(keyPath)")
            }
        default:
            throw RegistryConfigurationError("mutual TLS needs both a client certificate and its private key")
        }
        return tls
    }
}
