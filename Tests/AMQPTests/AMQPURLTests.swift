import Testing
@testable import AMQP

@Suite struct AMQPURLTests {
    @Test func parsesFullURI() throws {
        let url = try AMQPURL("amqp://app:s3cr%40t@broker.local:5673/%2Fpension?heartbeat=4&frame_max=65536&connection_timeout=2.5")
        #expect(url.host == "broker.local")
        #expect(url.port == 5673)
        #expect(url.user == "app")
        #expect(url.password == "s3cr@t")
        #expect(url.vhost == "/pension")
        #expect(url.heartbeat == 4)
        #expect(url.frameMax == 65536)
        #expect(url.connectionTimeout == .milliseconds(2500))
        #expect(!url.tls)
    }

    @Test func defaults() throws {
        let url = try AMQPURL("amqp://127.0.0.1")
        #expect(url.port == 5672)
        #expect(url.vhost == "/")
        #expect(url.user == "guest")
        #expect(url.heartbeat == 10)
        let tls = try AMQPURL("amqps://h/vh?cacertfile=/ca.pem")
        #expect(tls.tls && tls.port == 5671 && tls.vhost == "vh" && tls.caCertFile == "/ca.pem" && tls.verifyPeer)
    }

    /// Host names reach the resolver in ASCII: as written, escapes decoded, or as `xn--` names.
    @Test func hostsAreASCIIForTheResolver() throws {
        #expect(try AMQPURL("amqp://u:p@My-Host.example:5672/x").host == "My-Host.example")
        #expect(try AMQPURL("amqp://u:p@h%41st:5672/x").host == "hAst")
        #expect(try AMQPURL("amqp://u:p@[::1]:5672/x").host == "[::1]")
        #expect(try AMQPURL("amqp://u:p@xn--bcher-kva.example/x").host == "xn--bcher-kva.example")
        #expect(try AMQPURL("amqp://u:p@bücher.example/x").host == "xn--bcher-kva.example")
        #expect(try AMQPURL("amqp://u:p@b%C3%BCcher.example/x").host == "xn--bcher-kva.example")
        #expect(try AMQPURL("amqp://broker?heartbeat=5").host == "broker")
        #expect(try AMQPURL("amqps://u:p%40ss@node-2.local:5671#x").host == "node-2.local")
        #expect(try AMQPURL("amqp://u@h:1/%2F").host == "h")
    }

    @Test func descriptionHidesPassword() throws {
        let url = try AMQPURL("amqp://app:topsecret@h:5672/%2F")
        #expect(!url.description.contains("topsecret"))
        #expect(url.description.contains("***"))
    }

    @Test(arguments: ["http://h/", "amqp://", "amqp://h/a/b", "amqp://h/?heartbeat=-1", "amqp://h/?bogus=1",
                      "amqps://h/?certfile=/c.pem", "not a url"])
    func rejects(_ raw: String) {
        #expect(throws: AMQPError.self) { try AMQPURL(raw) }
    }
}
