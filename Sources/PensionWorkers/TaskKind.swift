/// The kinds of task the fleet processes; each has its own work queue and worker.
public enum TaskKind: String, Sendable, CaseIterable, Codable {
    case verify
    case outreach
    case register
}
