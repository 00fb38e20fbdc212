import GRDB

extension PensionDatabase {
    /// The schema's history. Never edit a migration once shipped: add "v2", "v3", ….
    static let schemaMigrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: schemaV1)
        }
        migrator.registerMigration("v2") { db in
            try db.execute(sql: schemaV2)
        }
        migrator.registerMigration("v3-outreach") { db in
            try db.execute(sql: schemaV3Outreach)
        }
        migrator.registerMigration("v4-outbox-lease") { db in
            try db.execute(sql: schemaV4OutboxLease)
        }
        migrator.registerMigration("v5-progress-index") { db in
            try db.execute(sql: schemaV5ProgressIndex)
        }
        migrator.registerMigration("v6-verifications-append-only") { db in
            try db.execute(sql: schemaV6VerificationsAppendOnly)
        }
        migrator.registerMigration("v7-verify-once-by-beneficiary") { db in
            try db.execute(sql: schemaV7VerifyOnceByBeneficiary)
        }
        migrator.registerMigration("v8-outcome-fold") { db in
            try db.execute(sql: schemaV8OutcomeFold)
        }
        return migrator
    }()

    /// Version 4: outbox rows are leased by one relay at a time, so the relays of several worker
    /// processes on one file stop publishing the same rows (a lease expires if its relay dies).
    static let schemaV4OutboxLease = """
        ALTER TABLE outbox ADD COLUMN leased_until TEXT;
        ALTER TABLE outbox ADD COLUMN leased_by TEXT;
        """

    /// Version 5: the report's covering index also holds the commune and the period of the latest
    /// outcome, so the report by province, by commune and for the current period is one streaming
    /// pass over the index in its own order (at 3.4 million beneficiaries the v1 index needed a sort
    /// for communes and a join with `verifications` for a period). Building it on a national-size
    /// file takes seconds, once, at the first open after the upgrade.
    static let schemaV5ProgressIndex = """
        DROP INDEX beneficiaries_report;
        CREATE INDEX beneficiaries_progress
            ON beneficiaries (province_code, commune_code, last_verified_period, last_outcome, status, payment_method);
        """

    /// Version 6: `verifications` loses its unique index on `task_id`. The `task_log` insert in the
    /// same transaction is already the once-per-task check (an outcome row is only written when it
    /// added a row), so the index cost one random B-tree insertion per task and protected nothing;
    /// no query looks an outcome up by task id. Rows are now appended in rowid order. Same columns
    /// in the same order. On a national file (≈ 3.4 M outcomes a month) the copy takes a minute or
    /// two, once, at the first open after the upgrade.
    static let schemaV6VerificationsAppendOnly = """
        CREATE TABLE verifications_v6 (
            task_id TEXT NOT NULL CHECK (length(task_id) > 0),
            national_id TEXT NOT NULL,
            period TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
            outcome TEXT NOT NULL CHECK (outcome IN ('verified', 'mismatch', 'not_found', 'deceased', 'invalid')),
            mismatch_fields TEXT,
            warnings TEXT CHECK (warnings IS NULL OR json_valid(warnings)),
            detail TEXT,
            attempt INTEGER NOT NULL CHECK (attempt >= 0),
            worker TEXT,
            recorded_at TEXT NOT NULL,
            CHECK (outcome = 'mismatch' OR mismatch_fields IS NULL)
        );
        INSERT INTO verifications_v6 SELECT * FROM verifications ORDER BY recorded_at, task_id;
        DROP TABLE verifications;
        ALTER TABLE verifications_v6 RENAME TO verifications;
        CREATE INDEX verifications_by_beneficiary ON verifications (national_id, period);
        """

    /// Version 7: a verify task is recorded once because `verifications` is unique by beneficiary,
    /// period and task, no longer because of a `task_log` row. Task IDs are hashes, so every
    /// `task_log` insert and look-up landed on a random page of a B-tree that grows by 3.4 million
    /// rows a month; this index is written in the order the monthly review publishes (by ID number)
    /// and was written anyway. Measured with `bench verify`, one worker, interleaved A B:
    /// 9.4–11.4k → 13.6–16.3k tasks/s. Verify rows already in `task_log` stay as history;
    /// no code reads them. No file can hold two outcomes of one task (task_log prevented it), so
    /// the unique index builds on any existing file.
    static let schemaV7VerifyOnceByBeneficiary = """
        DROP INDEX verifications_by_beneficiary;
        CREATE UNIQUE INDEX verifications_once ON verifications (national_id, period, task_id);
        """

    /// Version 1. Invariants live here (NOT NULL, UNIQUE, CHECK), so no code path can store nonsense.
    static let schemaV1 = """
        CREATE TABLE beneficiaries (
            national_id TEXT NOT NULL PRIMARY KEY
                CHECK (national_id GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
            full_name TEXT NOT NULL CHECK (length(trim(full_name)) > 0),
            -- ISO partial dates: a year, a year and month, or a full date (old records know only the year).
            date_of_birth TEXT NOT NULL CHECK (
                date_of_birth GLOB '[12][0-9][0-9][0-9]'
                OR date_of_birth GLOB '[12][0-9][0-9][0-9]-[01][0-9]'
                OR date_of_birth GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
            sex TEXT CHECK (sex IN ('M', 'F')),
            province_code TEXT NOT NULL CHECK (province_code GLOB '[0-9][0-9]'),
            commune_code TEXT CHECK (commune_code GLOB '[0-9][0-9][0-9][0-9][0-9]'),
            phone TEXT,
            payment_method TEXT NOT NULL CHECK (payment_method IN ('cash', 'bank')),
            bank_bin TEXT CHECK (bank_bin GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]'),
            bank_account TEXT CHECK (length(bank_account) > 0),
            legacy_bhxh_code TEXT CHECK (legacy_bhxh_code GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
            status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'hold', 'deceased')),
            hold_reason TEXT,
            last_outcome TEXT CHECK (last_outcome IN ('verified', 'mismatch', 'not_found', 'deceased', 'invalid')),
            last_verified_period TEXT CHECK (last_verified_period GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            -- A bank payment without a destination cannot be paid.
            CHECK (payment_method = 'cash' OR (bank_bin IS NOT NULL AND bank_account IS NOT NULL)),
            -- A hold always says why, and only a hold has a reason.
            CHECK ((status = 'hold') = (hold_reason IS NOT NULL)),
            CHECK ((last_outcome IS NULL) = (last_verified_period IS NULL))
        );
        -- Covering index: the progress report groups by province without touching the table.
        CREATE INDEX beneficiaries_report ON beneficiaries (province_code, last_outcome, status, payment_method);
        -- The monthly review walks the living in national_id order and skips the deceased.
        CREATE INDEX beneficiaries_review ON beneficiaries (national_id) WHERE status IN ('active', 'hold');

        CREATE TABLE verifications (
            task_id TEXT NOT NULL PRIMARY KEY CHECK (length(task_id) > 0),
            -- No foreign key: an outcome for a person not (yet) on our roster is still recorded.
            national_id TEXT NOT NULL,
            period TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
            outcome TEXT NOT NULL CHECK (outcome IN ('verified', 'mismatch', 'not_found', 'deceased', 'invalid')),
            mismatch_fields TEXT,
            warnings TEXT CHECK (warnings IS NULL OR json_valid(warnings)),
            detail TEXT,
            attempt INTEGER NOT NULL CHECK (attempt >= 0),
            worker TEXT,
            recorded_at TEXT NOT NULL,
            CHECK (outcome = 'mismatch' OR mismatch_fields IS NULL)
        );
        CREATE INDEX verifications_by_beneficiary ON verifications (national_id, period);

        CREATE TABLE audit (
            id INTEGER PRIMARY KEY,
            national_id TEXT NOT NULL,
            task_id TEXT,
            field TEXT NOT NULL,
            before TEXT,
            after TEXT,
            reason TEXT NOT NULL,
            at TEXT NOT NULL
        );
        CREATE INDEX audit_by_beneficiary ON audit (national_id, id);

        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            message_id TEXT NOT NULL UNIQUE CHECK (length(message_id) > 0),
            exchange TEXT NOT NULL,
            routing_key TEXT NOT NULL,
            body BLOB NOT NULL,
            headers TEXT CHECK (headers IS NULL OR json_valid(headers)),
            created_at TEXT NOT NULL,
            published_at TEXT
        );
        -- The relay only ever looks at what is still unpublished, oldest first.
        CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;

        -- One idempotency check for every worker kind: a task_id here is done, whatever its kind.
        CREATE TABLE task_log (
            task_id TEXT NOT NULL PRIMARY KEY CHECK (length(task_id) > 0),
            kind TEXT NOT NULL CHECK (length(kind) > 0),
            outcome TEXT NOT NULL,
            recorded_at TEXT NOT NULL
        ) WITHOUT ROWID;
        """
}
