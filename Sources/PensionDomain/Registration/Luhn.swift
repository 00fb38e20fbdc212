import Foundation

/// The Luhn (mod 10) check used by payment-card numbers (ISO/IEC 7812).
///
/// Deposit account numbers carry no such check, so a 16/19-digit number with a card BIN that
/// passes it is almost certainly a card (the August 2024 failure, 2646/BHXH-TCKT).
public enum Luhn: Sendable {
    /// True when `number` is at least two ASCII digits and its Luhn sum is a multiple of 10.
    public static func isValid(_ number: String) -> Bool {
        guard number.utf8.count >= 2, UnicodeText.isASCIIDigits(number) else { return false }
        return sum(number.utf8.reversed(), doublingFirst: false) % 10 == 0
    }

    /// The check digit (0–9) that makes `payload` + digit Luhn-valid, or nil when `payload` is not ASCII digits.
    public static func checkDigit(for payload: String) -> Int? {
        guard UnicodeText.isASCIIDigits(payload) else { return nil }
        return (10 - sum(payload.utf8.reversed(), doublingFirst: true) % 10) % 10
    }

    /// Sums digits from the right, doubling every second one (the first one too when `doublingFirst`).
    private static func sum(_ reversedDigits: some Sequence<UInt8>, doublingFirst: Bool) -> Int {
        var total = 0
        var double = doublingFirst
        for byte in reversedDigits {
            var digit = Int(byte - 0x30)
            if double {
                digit *= 2
                if digit > 9 { digit -= 9 }
            }
            total += digit
            double.toggle()
        }
        return total
    }
}
