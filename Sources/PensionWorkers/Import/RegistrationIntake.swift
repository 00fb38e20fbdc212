import AMQP
import Foundation
import PensionDomain
import PensionStore

/// One registration request received over HTTP (`POST /api/registrations` on `pensionpay serve`):
/// validated like a CSV row, then published as a `register` task with confirms.
public struct RegistrationIntake: Sendable {
    /// What became of a request.
    public enum Result: Sendable, Equatable {
        /// Published (or already decided earlier: same task id); the worker decides.
        case accepted(taskID: String, alreadyDecided: Bool)
        /// The body or a field is unusable: which field and why (never the value).
        case invalid(code: String, field: String?, message: String)
        /// No beneficiary with this ID on record on this node.
        case unknownBeneficiary
    }

    private let store: PensionDatabase
    private let topology: Topology
    private let now: @Sendable () -> Date

    /// Intake into `store`'s node, publishing to `topology`.
    public init(store: PensionDatabase, topology: Topology = Topology(), now: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.topology = topology
        self.now = now
    }

    /// Validates `body` and, when usable, publishes its task through `publisher` (confirms enabled).
    public func submit(_ body: [UInt8], on publisher: any AMQPPublishing) async throws -> Result {
        let request: RegistrationRequest
        switch RegistrationRequest.decodeJSON(body) {
        case .success(let decoded): request = decoded
        case .failure(let error): return .invalid(code: error.code.rawValue, field: error.field, message: error.message)
        }
        guard let row = try await store.beneficiaries(nationalIDs: [request.nationalID.digits])[request.nationalID.digits] else {
            return .unknownBeneficiary
        }
        let task = RegisterTask(request: request, createdAt: now())
        if try await store.recordedTaskIDs([task.taskID]).contains(task.taskID) {
            return .accepted(taskID: task.taskID, alreadyDecided: true)
        }
        try await publisher.publish([RegisterTask.message(task, province: row.provinceCode, topology: topology)])
        return .accepted(taskID: task.taskID, alreadyDecided: false)
    }
}
