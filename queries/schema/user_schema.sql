-- Tables of the data users add. Created if missing, never dropped: a rebuild of the
-- embedded data leaves them as they are.
CREATE SCHEMA IF NOT EXISTS user_data;

CREATE TABLE IF NOT EXISTS user_data.scb_imports (
    import_id INTEGER PRIMARY KEY,
    fil VARCHAR NOT NULL,
    sha256 VARCHAR NOT NULL,
    hamtad DATE NOT NULL,
    importerad TIMESTAMP NOT NULL,
    rader INTEGER NOT NULL
);

-- Helårsekvivalenter per region and year from SCB's HE0000 tables, one row per
-- ersättningssystem (and "Totalt"); a month-based year holds the mean of `manader` months.
CREATE TABLE IF NOT EXISTS user_data.scb_helarsekvivalenter (
    omradeskod VARCHAR NOT NULL,
    omrade VARCHAR NOT NULL,
    ar INTEGER NOT NULL,
    alder VARCHAR NOT NULL,
    kon VARCHAR NOT NULL,
    ersattningssystem VARCHAR NOT NULL,
    helarsekvivalenter DOUBLE,
    befolkning_20_64 DOUBLE,
    andel_procent DOUBLE,
    manader INTEGER NOT NULL,
    import_id INTEGER NOT NULL
);

-- Saved scenarios: the assumptions as JSON; the figures are recomputed from the real base.
CREATE TABLE IF NOT EXISTS user_data.scenarios (
    namn VARCHAR PRIMARY KEY,
    antaganden VARCHAR NOT NULL,
    skapad TIMESTAMP NOT NULL,
    andrad TIMESTAMP NOT NULL
);

-- One number that every write to user_data raises, in the same transaction: with the
-- embedded data's hash it names the version of the data a page was drawn from.
CREATE TABLE IF NOT EXISTS user_data.data_version (version BIGINT NOT NULL);
INSERT INTO user_data.data_version SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM user_data.data_version);

-- Imports of budget lines from the ekonomisystem (issue 8): one row per import ...
CREATE TABLE IF NOT EXISTS user_data.budget_imports (
    import_id INTEGER PRIMARY KEY,
    fil VARCHAR NOT NULL,
    sha256 VARCHAR NOT NULL,
    layout VARCHAR NOT NULL,
    importerad TIMESTAMP NOT NULL,
    importerad_av VARCHAR NOT NULL,
    rader_nya INTEGER NOT NULL,
    rader_ersatta INTEGER NOT NULL,
    rader_oforandrade INTEGER NOT NULL,
    angrad TIMESTAMP,
    angrad_av VARCHAR
);

-- ... and the rows it brought: only new and changed rows, in kronor signed from the result.
-- kategori and matt are text here (checked on import): the enum types live in schema
-- embedded, which a rebuild drops.
CREATE TABLE IF NOT EXISTS user_data.budget_import_rows (
    import_id INTEGER NOT NULL,
    rad INTEGER NOT NULL,
    forbund VARCHAR NOT NULL,
    ar INTEGER NOT NULL,
    period_slut DATE NOT NULL,
    post VARCHAR NOT NULL,
    kategori VARCHAR NOT NULL,
    matt VARCHAR NOT NULL,
    belopp BIGINT NOT NULL
);

-- Imports of published statistics per kommun (Länsjämförelse, issue 16): one row per import ...
CREATE TABLE IF NOT EXISTS user_data.statistik_imports (
    import_id INTEGER PRIMARY KEY,
    fil VARCHAR NOT NULL,
    sha256 VARCHAR NOT NULL,
    importerad TIMESTAMP NOT NULL,
    importerad_av VARCHAR NOT NULL,
    rader_nya INTEGER NOT NULL,
    rader_ersatta INTEGER NOT NULL,
    rader_oforandrade INTEGER NOT NULL,
    angrad TIMESTAMP,
    angrad_av VARCHAR
);

-- ... and the values it brought (new and changed only), with the source the file gives.
CREATE TABLE IF NOT EXISTS user_data.statistik_import_rows (
    import_id INTEGER NOT NULL,
    rad INTEGER NOT NULL,
    omradeskod VARCHAR NOT NULL,
    omrade VARCHAR NOT NULL,
    ar INTEGER NOT NULL,
    matt VARCHAR NOT NULL,
    grupp VARCHAR NOT NULL,
    varde DOUBLE NOT NULL,
    enhet VARCHAR NOT NULL,
    varde_text VARCHAR NOT NULL,
    kalla VARCHAR,
    utgivare VARCHAR NOT NULL,
    sida VARCHAR NOT NULL,
    tabell VARCHAR NOT NULL,
    senast_uppdaterad DATE
);
