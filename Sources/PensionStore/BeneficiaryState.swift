/// The part of a beneficiary that outcome recording reads and moves.
struct BeneficiaryState {
    var status: String
    var holdReason: String?
    var period: String?

    /// The state after an outcome: the status rules of the delivery discipline, in one place.
    func applying(outcome: String, fields: [String], period: String) -> BeneficiaryState {
        var next = self
        next.period = period
        if status == BeneficiaryStatus.deceased.rawValue {
            // A death is final here: only a reviewer may bring someone back.
            return next
        }
        switch outcome {
        case "verified":
            next.status = BeneficiaryStatus.active.rawValue
            next.holdReason = nil
        case "deceased":
            next.status = BeneficiaryStatus.deceased.rawValue
            next.holdReason = nil
        default:
            next.status = BeneficiaryStatus.hold.rawValue
            next.holdReason = fields.isEmpty ? outcome : "\(outcome): \(fields.joined(separator: ","))"
        }
        return next
    }
}
