-- The registry extract, exactly as PensionStore/RegistryDatabase.swift (migration v1) creates it,
-- so that the baselines look people up in the same B-tree shape as `pensionpay worker verify`.
CREATE TABLE IF NOT EXISTS registry_people (
    national_id TEXT NOT NULL PRIMARY KEY
        CHECK (national_id GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
    full_name TEXT NOT NULL CHECK (length(trim(full_name)) > 0),
    date_of_birth TEXT CHECK (
        date_of_birth GLOB '[12][0-9][0-9][0-9]'
        OR date_of_birth GLOB '[12][0-9][0-9][0-9]-[01][0-9]'
        OR date_of_birth GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    sex TEXT CHECK (sex IN ('M', 'F')),
    status TEXT NOT NULL CHECK (status IN ('alive', 'deceased')),
    date_of_death TEXT CHECK (
        date_of_death GLOB '[12][0-9][0-9][0-9]'
        OR date_of_death GLOB '[12][0-9][0-9][0-9]-[01][0-9]'
        OR date_of_death GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    province_code TEXT CHECK (province_code GLOB '[0-9][0-9]'),
    commune_code TEXT CHECK (commune_code GLOB '[0-9][0-9][0-9][0-9][0-9]'),
    CHECK (status = 'deceased' OR date_of_death IS NULL)
) WITHOUT ROWID;
