-- Anonymous registrations of participants (issue 27): one row per participation, from the
-- teams' own lists. Created if missing, never dropped. No name, no personnummer: the import
-- refuses a file with either (exchange/registration_import.py); the team's own code is kept
-- only as a keyed pseudonym, the birth year only as an age group at start.
CREATE SCHEMA IF NOT EXISTS user_data;

-- One row per import: the file, who, when, and undo as every import.
CREATE TABLE IF NOT EXISTS user_data.registration_imports (
    import_id INTEGER PRIMARY KEY,
    fil VARCHAR NOT NULL,
    sha256 VARCHAR NOT NULL,
    forbund VARCHAR NOT NULL,       -- the förbund of its rows, "; " between them
    period_fran DATE NOT NULL,      -- the period the file covers: a newer file for the same
    period_till DATE NOT NULL,      -- insats and period replaces the older one's rows for it
    importerad TIMESTAMP NOT NULL,
    importerad_av VARCHAR NOT NULL,
    rader INTEGER NOT NULL,
    rader_ersatta INTEGER NOT NULL,
    angrad TIMESTAMP,
    angrad_av VARCHAR
);

-- The insatser each import covers, with the period (the same for all of a file's insatser).
CREATE TABLE IF NOT EXISTS user_data.registration_periods (
    import_id INTEGER NOT NULL,
    forbund VARCHAR NOT NULL,
    insats_id VARCHAR NOT NULL,
    fran DATE NOT NULL,
    till DATE NOT NULL
);

CREATE TABLE IF NOT EXISTS user_data.registrations (
    import_id INTEGER NOT NULL,
    rad INTEGER NOT NULL,
    forbund VARCHAR NOT NULL,
    insats_id VARCHAR NOT NULL,
    deltagare VARCHAR NOT NULL,     -- a keyed pseudonym of the team's code (never the code)
    kon VARCHAR NOT NULL,           -- kvinna, man, annat, okänt
    aldersgrupp VARCHAR NOT NULL,   -- age at start, grouped
    kommunkod VARCHAR NOT NULL,     -- where the person lives
    startdatum DATE NOT NULL,
    slutdatum DATE,                 -- empty while active
    avslut VARCHAR                  -- why it ended: arbete, studier, …
);
-- Whether the row counts: kept by every write to the registrations (registration_refresh.sql).
ALTER TABLE user_data.registrations ADD COLUMN IF NOT EXISTS galler BOOLEAN DEFAULT false;

-- An editor's deletion of an insats's registrations for a period: the rows are deleted, this
-- says who deleted how many, and when.
CREATE TABLE IF NOT EXISTS user_data.registration_deletions (
    radering_id INTEGER PRIMARY KEY,
    forbund VARCHAR NOT NULL,
    insats_id VARCHAR NOT NULL,
    fran DATE NOT NULL,
    till DATE NOT NULL,
    rader INTEGER NOT NULL,
    raderad TIMESTAMP NOT NULL,
    raderad_av VARCHAR NOT NULL
);

-- The key of the pseudonyms: random per installation, never shown or exported.
CREATE TABLE IF NOT EXISTS user_data.registration_key (nyckel VARCHAR NOT NULL);
INSERT INTO user_data.registration_key
SELECT md5(random()::VARCHAR || now()::VARCHAR) || md5(random()::VARCHAR || gen_random_uuid()::VARCHAR)
WHERE NOT EXISTS (SELECT 1 FROM user_data.registration_key);
