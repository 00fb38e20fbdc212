import Foundation
import Mustache
import PensionDomain

/// Renders notices from Mustache templates kept as files (`sms`, `sms_unaccented`, `zalo`, `email_subject`,
/// `email`, `letter`, each `NAME.mustache`).
///
/// The templates ship as a resource of this module (`Sources/PensionWorkers/Outreach/Templates`);
/// ``init(directory:)`` loads another folder instead, so offices can change the wording without a build.
/// Every template starts with `{{% CONTENT_TYPE: TEXT}}`: values are inserted as they are, not HTML-escaped.
public struct NoticeRenderer: Sendable {
    /// The template names every folder must hold.
    public static let templateNames = ["sms", "sms_unaccented", "zalo", "email_subject", "email", "letter"]

    /// A template is missing or does not parse.
    public struct TemplateError: Error, CustomStringConvertible, Sendable {
        /// What is wrong (names the file).
        public var description: String
    }

    private let templates: [String: MustacheTemplate]

    /// Loads the templates shipped with the module.
    public init() throws {
        guard let url = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw TemplateError(description: "the bundled notice templates are missing")
        }
        try self.init(directory: url.path)
    }

    /// Loads every template from `directory`.
    public init(directory: String) throws {
        var templates: [String: MustacheTemplate] = [:]
        for name in Self.templateNames {
            let path = (directory as NSString).appendingPathComponent(name + ".mustache")
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw TemplateError(description: "cannot read the notice template \(path)")
            }
            do {
                templates[name] = try MustacheTemplate(string: text.precomposedStringWithCanonicalMapping)
            } catch {
                throw TemplateError(description: "the notice template \(path) does not parse: \(error)")
            }
        }
        self.templates = templates
    }

    /// Renders the notice for `channel`; `extra` adds values (e.g. `postal_address` for letters).
    ///
    /// SMS: the chosen variant, with its encoding and segment count; the unaccented variant is folded to
    /// GSM-7 whatever the name holds. Home visits have no text (an empty body).
    public func render(_ channel: NoticeChannel, context: NoticeTemplateContext, extra: [String: String] = [:],
                       smsVariant: SMSVariant = .accented) -> RenderedNotice {
        var values = context.values
        values.merge(extra) { _, new in new }
        func text(_ name: String) -> String {
            let rendered = templates[name]?.render(values) ?? ""
            return rendered.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
        }
        switch channel {
        case .sms:
            let body = smsVariant == .accented ? text("sms") : SMSEncoding.unaccented(text("sms_unaccented"))
            return RenderedNotice(body: body, sms: SMSEncoding.segments(for: body))
        case .zalo:
            return RenderedNotice(body: text("zalo"))
        case .email:
            return RenderedNotice(subject: text("email_subject"), body: text("email"))
        case .letter:
            return RenderedNotice(subject: "Thông báo về việc nhận lương hưu qua tài khoản", body: text("letter"))
        case .homeVisit:
            return RenderedNotice(body: "")
        }
    }
}
