-- One outcome row per task: the `verifications` table and index of PensionStore as of schema v7
-- (PensionDatabase+Schema.swift: rowid table, one unique index that is the once-per-task check),
-- so every baseline pays for the same row, CHECKs and index.
-- PensionPay's worker writes more per task (beneficiary status, audit, outbox); see bench/README.md.
PRAGMA journal_mode = WAL;
CREATE TABLE IF NOT EXISTS verifications (
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
CREATE UNIQUE INDEX IF NOT EXISTS verifications_once ON verifications (national_id, period, task_id);
