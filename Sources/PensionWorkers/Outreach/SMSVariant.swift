/// Which SMS text to send.
public enum SMSVariant: String, Sendable, Hashable, CaseIterable {
    /// Vietnamese with diacritics: UCS-2, 70 characters a part (67 when concatenated).
    case accented
    /// Without diacritics: GSM-7, 160 characters a part (153 when concatenated); cheaper, and read on any phone.
    case unaccented
}
