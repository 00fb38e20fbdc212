extension PensionDatabase {
    /// Migration "v3-outreach": outreach notices and contact preferences (issue 4).
    ///
    /// `notices` holds one row per notice attempt on one channel (`notice_id` = ``NoticeID``, the
    /// gateway's idempotency key) and one row per skipped task. The partial UNIQUE index
    /// `notices_one_per_window` is what keeps "at most one notice per beneficiary per campaign
    /// window" true across every worker process sharing the file: a second `sending`/`sent` row for
    /// the same person and window cannot be inserted, whoever tries.
    static let schemaV3Outreach = """
        CREATE TABLE notices (
            notice_id TEXT NOT NULL PRIMARY KEY CHECK (length(notice_id) > 0),
            task_id TEXT NOT NULL CHECK (length(task_id) > 0),
            national_id TEXT NOT NULL
                CHECK (national_id GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
            province_code TEXT NOT NULL CHECK (province_code GLOB '[0-9][0-9]'),
            period TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
            channel TEXT CHECK (channel IN ('sms', 'zalo', 'email', 'letter', 'home_visit')),
            campaign_window TEXT NOT NULL CHECK (length(campaign_window) > 0),
            state TEXT NOT NULL CHECK (state IN ('sending', 'sent', 'failed', 'deferred', 'skipped')),
            gateway_message_id TEXT,
            segments INTEGER CHECK (segments IS NULL OR segments > 0),
            failure TEXT,
            -- Deferred notices: when they may go out, and when the resume task was queued.
            not_before TEXT,
            resumed_at TEXT,
            attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            -- Only a skipped task has no channel.
            CHECK ((channel IS NULL) = (state = 'skipped')),
            -- A failure or a skip always says why.
            CHECK (state NOT IN ('failed', 'skipped') OR failure IS NOT NULL),
            CHECK (state <> 'deferred' OR not_before IS NOT NULL)
        );
        -- At most one notice in flight or delivered per beneficiary per campaign window, across workers.
        CREATE UNIQUE INDEX notices_one_per_window ON notices (national_id, campaign_window)
            WHERE state IN ('sending', 'sent');
        CREATE INDEX notices_by_beneficiary ON notices (national_id, campaign_window, state);
        CREATE INDEX notices_by_task ON notices (task_id);
        -- The resumer only looks at deferred notices not yet handed back to the queue.
        CREATE INDEX notices_deferred ON notices (not_before) WHERE state = 'deferred' AND resumed_at IS NULL;
        CREATE INDEX notices_report ON notices (province_code, state, channel);

        CREATE TABLE contact_preferences (
            national_id TEXT NOT NULL PRIMARY KEY
                CHECK (national_id GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
            preferred_channel TEXT CHECK (preferred_channel IN ('sms', 'zalo', 'email', 'letter', 'home_visit')),
            opted_out INTEGER NOT NULL DEFAULT 0 CHECK (opted_out IN (0, 1)),
            email TEXT CHECK (email IS NULL OR length(trim(email)) > 0),
            zalo_available INTEGER NOT NULL DEFAULT 0 CHECK (zalo_available IN (0, 1)),
            postal_address TEXT CHECK (postal_address IS NULL OR length(trim(postal_address)) > 0),
            updated_at TEXT NOT NULL
        ) WITHOUT ROWID;
        """
}
