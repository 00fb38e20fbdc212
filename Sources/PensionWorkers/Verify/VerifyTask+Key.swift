import PensionDomain
import PensionStore

extension VerifyTask {
    /// The key its outcome is stored under, for the skip-what-is-done look-up. The ID number is
    /// normalised as the handler records it; one that does not parse is kept as sent (such a task
    /// is parked, never recorded, so it is simply not found).
    var verificationKey: VerificationKey {
        VerificationKey(taskID: taskID, nationalID: (try? NationalID.parse(beneficiary.nationalID))?.digits ?? beneficiary.nationalID,
                        period: period.description)
    }
}
