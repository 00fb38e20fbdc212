/// A bank that pays pensions into deposit accounts, with its share of bank-paid beneficiaries and
/// the usual length of its account numbers (FACTS §5; lengths are blog-sourced and UNCONFIRMED).
///
/// Agribank and the state banks dominate among pensioners (rural branches, payment points);
/// LPBank inherited the post-office network of LienVietPostBank.
public struct PayingBank: Sendable, Hashable {
    /// The 6-digit BIN, from `BankDirectory`.
    public let bin: String
    /// Digits in an account number.
    public let accountLength: Int

    /// The banks with their weights.
    public static let table = WeightedTable<PayingBank>([
        (PayingBank(bin: "970405", accountLength: 13), 25),   // Agribank
        (PayingBank(bin: "970415", accountLength: 12), 15),   // VietinBank
        (PayingBank(bin: "970436", accountLength: 13), 15),   // Vietcombank
        (PayingBank(bin: "970418", accountLength: 14), 14),   // BIDV
        (PayingBank(bin: "970449", accountLength: 12), 5),    // LPBank
        (PayingBank(bin: "970407", accountLength: 14), 4),    // Techcombank
        (PayingBank(bin: "970422", accountLength: 13), 4),    // MB
        (PayingBank(bin: "970403", accountLength: 12), 3),    // Sacombank
        (PayingBank(bin: "970416", accountLength: 9), 2),     // ACB
        (PayingBank(bin: "970432", accountLength: 9), 2),     // VPBank
        (PayingBank(bin: "970443", accountLength: 13), 1.5),  // SHB
        (PayingBank(bin: "970437", accountLength: 15), 1.5),  // HDBank
        (PayingBank(bin: "970423", accountLength: 11), 1),    // TPBank
        (PayingBank(bin: "970441", accountLength: 12), 1),    // VIB
        (PayingBank(bin: "970426", accountLength: 14), 1),    // MSB
        (PayingBank(bin: "970440", accountLength: 12), 1),    // SeABank
        (PayingBank(bin: "970448", accountLength: 12), 0.5),  // OCB
        (PayingBank(bin: "970454", accountLength: 10), 0.5),  // BVBank
        (PayingBank(bin: "970446", accountLength: 13), 0.5),  // Co-opBank
        (PayingBank(bin: "546034", accountLength: 10), 0.3),  // CAKE
    ])

    /// A BIN that is not in the bank directory: Agribank's *card* BIN, which officers copy from the
    /// card instead of the bank's id (FACTS §5a).
    public static let cardBINNotInDirectory = "970499"
}
