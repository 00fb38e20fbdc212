import Foundation

/// Where and how to connect: parsed from an `amqp://` or `amqps://` URI.
///
/// `amqp://user:pass@host:5672/%2F?heartbeat=10&frame_max=131072&connection_timeout=5`.
/// The vhost is the percent-decoded path (`%2F` is `/`); an absent path means `/`.
/// For TLS, `cacertfile`, `certfile`, `keyfile` and `verify=verify_none` are read from the query.
public struct AMQPURL: Sendable, Equatable, CustomStringConvertible {
    /// The URI as given (it holds the password: pass it on, never print it).
    public let rawValue: String
    /// True for `amqps://`.
    public var tls: Bool
    /// Host name or address.
    public var host: String
    /// TCP port (5672, or 5671 for TLS, unless given).
    public var port: Int
    /// SASL PLAIN user.
    public var user: String
    /// SASL PLAIN password. Never printed.
    public var password: String
    /// The virtual host.
    public var vhost: String
    /// Heartbeat interval in seconds; 0 turns heartbeats off.
    public var heartbeat: Int
    /// Largest frame size proposed to the broker.
    public var frameMax: Int
    /// Timeout for connect, login and every RPC.
    public var connectionTimeout: Duration
    /// CA bundle for verifying the broker's certificate (TLS).
    public var caCertFile: String?
    /// Client certificate for mutual TLS.
    public var certFile: String?
    /// Client key for mutual TLS.
    public var keyFile: String?
    /// Verify the broker's certificate and host name (TLS). Default true.
    public var verifyPeer: Bool

    /// The host as DNS wants it. An ASCII name is taken as written (percent escapes decoded), read
    /// from the text here: every host getter of `URLComponents` runs the name through ICU's IDNA
    /// mapping, whose data then stayed resident in each worker, and `host` turns `xn--` names into
    /// Unicode, which the resolver cannot look up. A non-ASCII name gets its `xn--` form.
    private static func asciiHost(_ string: String) -> String? {
        guard let start = string.firstRange(of: "://")?.upperBound else { return nil }
        var authority = string[start...]
        if let end = authority.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { authority = authority[..<end] }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        if authority.first == "[" {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            authority = authority[...close]
        } else if let colon = authority.lastIndex(of: ":") {
            authority = authority[..<colon]
        }
        guard let written = String(authority).removingPercentEncoding else { return nil }
        if written.utf8.allSatisfy({ $0 < 0x80 }) { return written }
        var unicode = URLComponents()
        unicode.host = written
        return unicode.encodedHost
    }

    /// Parses a URI; throws `AMQPError` with code `.invalidURL` and a reason.
    public init(_ string: String) throws {
        rawValue = string
        guard let components = URLComponents(string: string), let scheme = components.scheme?.lowercased() else {
            throw AMQPError(.invalidURL, "not a URI (expected amqp://user:pass@host:port/vhost)")
        }
        switch scheme {
        case "amqp": tls = false
        case "amqps": tls = true
        default: throw AMQPError(.invalidURL, "scheme must be amqp or amqps, not \(scheme)")
        }
        guard let host = Self.asciiHost(string), !host.isEmpty else {
            throw AMQPError(.invalidURL, "the URI names no host")
        }
        self.host = host
        self.port = components.port ?? (tls ? 5671 : 5672)
        self.user = components.user ?? "guest"
        self.password = components.password ?? "guest"
        let path = components.percentEncodedPath
        if path.isEmpty || path == "/" {
            vhost = "/"
        } else {
            let raw = String(path.dropFirst())
            guard !raw.contains("/"), let decoded = raw.removingPercentEncoding else {
                throw AMQPError(.invalidURL, "the vhost must be one path segment; write / as %2F")
            }
            vhost = decoded
        }
        heartbeat = 10
        frameMax = 131_072
        connectionTimeout = .seconds(10)
        verifyPeer = true
        for item in components.queryItems ?? [] {
            let value = item.value ?? ""
            switch item.name {
            case "heartbeat":
                guard let v = Int(value), v >= 0, v <= 65_535 else { throw AMQPError(.invalidURL, "heartbeat must be 0…65535 seconds") }
                heartbeat = v
            case "frame_max":
                guard let v = Int(value), v >= 4096 else { throw AMQPError(.invalidURL, "frame_max must be at least 4096") }
                frameMax = v
            case "connection_timeout":
                guard let v = Double(value), v > 0 else { throw AMQPError(.invalidURL, "connection_timeout must be positive seconds") }
                connectionTimeout = .milliseconds(Int64(v * 1000))
            case "cacertfile": caCertFile = value
            case "certfile": certFile = value
            case "keyfile": keyFile = value
            case "verify": verifyPeer = value != "verify_none"
            default:
                throw AMQPError(.invalidURL, "unknown URI parameter \(item.name)")
            }
        }
        if (certFile == nil) != (keyFile == nil) {
            throw AMQPError(.invalidURL, "certfile and keyfile go together")
        }
    }

    /// The URI with the password replaced by `***`: safe for logs.
    public var description: String {
        let vhostPart = vhost.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "?"
        return "\(tls ? "amqps" : "amqp")://\(user):***@\(host):\(port)/\(vhostPart)"
    }
}
