extension PensionDatabase {
    /// Version 2: bank-account registrations (issue 5).
    ///
    /// - `registrations`: one row per decided register task (`registered`, `rejected`, `review`; a
    ///   `retry_later` is never stored). The request's account and names are kept as evidence for review.
    /// - `payment_switches`: the pending switch to bank payment of a registered beneficiary, at most
    ///   one per person. The beneficiary row keeps being paid as before until
    ///   `applyDuePaymentSwitches(period:at:)` moves the switch into it for the period it takes effect
    ///   (then the switch row is deleted). A later registration replaces a switch still pending.
    /// - Indexes by (bank_bin, bank_account) on both tables and on `beneficiaries`: the shared-account
    ///   check ("does this account already pay, or is it about to pay, someone else?") is an index probe.
    static let schemaV2 = """
        CREATE TABLE registrations (
            task_id TEXT NOT NULL PRIMARY KEY CHECK (length(task_id) > 0),
            national_id TEXT NOT NULL
                CHECK (national_id GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
            bank_bin TEXT NOT NULL CHECK (bank_bin GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]'),
            bank_account TEXT NOT NULL CHECK (length(bank_account) BETWEEN 1 AND 64),
            -- PersonName.unaccentedKey of the holder name on the request, and of the bank's answer.
            holder_name_key TEXT NOT NULL,
            bank_holder_key TEXT,
            authorised_holder_id TEXT
                CHECK (authorised_holder_id GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
            authorisation_expires TEXT CHECK (authorisation_expires GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
            decision TEXT NOT NULL CHECK (decision IN ('registered', 'rejected', 'review')),
            reason TEXT CHECK (reason IS NULL OR length(reason) > 0),
            effective_period TEXT CHECK (effective_period GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
            channel TEXT NOT NULL CHECK (channel IN ('payment_point', 'bank', 'vssid', 'web')),
            requested_at TEXT NOT NULL,
            decided_at TEXT NOT NULL,
            attempt INTEGER NOT NULL CHECK (attempt >= 0),
            worker TEXT,
            -- Only a registration has an effective period, and only it has no reason.
            CHECK ((decision = 'registered') = (effective_period IS NOT NULL)),
            CHECK ((decision = 'registered') = (reason IS NULL)),
            CHECK ((authorised_holder_id IS NULL) = (authorisation_expires IS NULL))
        );
        CREATE INDEX registrations_by_account ON registrations (bank_bin, bank_account);
        CREATE INDEX registrations_by_beneficiary ON registrations (national_id);
        CREATE INDEX registrations_by_period ON registrations (effective_period) WHERE decision = 'registered';

        CREATE TABLE payment_switches (
            national_id TEXT NOT NULL PRIMARY KEY REFERENCES beneficiaries (national_id),
            task_id TEXT NOT NULL REFERENCES registrations (task_id),
            bank_bin TEXT NOT NULL CHECK (bank_bin GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]'),
            bank_account TEXT NOT NULL CHECK (length(bank_account) BETWEEN 1 AND 64),
            effective_period TEXT NOT NULL CHECK (effective_period GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
            created_at TEXT NOT NULL
        );
        CREATE INDEX payment_switches_by_account ON payment_switches (bank_bin, bank_account);
        CREATE INDEX payment_switches_due ON payment_switches (effective_period);

        CREATE INDEX beneficiaries_by_account ON beneficiaries (bank_bin, bank_account) WHERE bank_account IS NOT NULL;
        """
}
