import Foundation
import GRDB
import PensionDomain

extension PensionDatabase {
    /// Applies imported contact preferences in one transaction: columns the file has overwrite the
    /// stored values (an empty cell clears), columns it lacks keep them; a new person starts from the
    /// defaults (no preference, not opted out, no e-mail, no Zalo, no address).
    public func applyContactPreferences(_ updates: [ContactPreferenceUpdate], at date: Date) throws {
        if updates.isEmpty { return }
        let stamp = StoreDate.value(date)
        try pool.write { db in
            let statement = try db.cachedStatement(sql: """
                INSERT INTO contact_preferences
                    (national_id, preferred_channel, opted_out, email, zalo_available, postal_address, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (national_id) DO UPDATE SET
                    preferred_channel = CASE WHEN ? THEN excluded.preferred_channel ELSE preferred_channel END,
                    opted_out = CASE WHEN ? THEN excluded.opted_out ELSE opted_out END,
                    email = CASE WHEN ? THEN excluded.email ELSE email END,
                    zalo_available = CASE WHEN ? THEN excluded.zalo_available ELSE zalo_available END,
                    postal_address = CASE WHEN ? THEN excluded.postal_address ELSE postal_address END,
                    updated_at = excluded.updated_at
                """)
            for u in updates {
                try statement.execute(arguments: [
                    u.nationalID.digits, u.preferredChannel??.rawValue, u.optedOut ?? false, u.email ?? nil, u.zaloAvailable ?? false,
                    u.postalAddress ?? nil, stamp,
                    u.preferredChannel != nil, u.optedOut != nil, u.email != nil, u.zaloAvailable != nil, u.postalAddress != nil,
                ])
            }
        }
    }
}

extension PensionDatabase {
    /// See ``applyContactPreferences(_:at:)``; runs off the cooperative pool.
    public func applyContactPreferences(_ updates: [ContactPreferenceUpdate], at date: Date) async throws {
        if updates.isEmpty { return }
        try await StoreExecutor.run { try self.applyContactPreferences(updates, at: date) }
    }
}
