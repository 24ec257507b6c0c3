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
