-- Imports of a förbund's workbook (issue 25): one row per import. The rows each brought
-- live in user_data.wb_<table> (store/overlays.py). Created if missing, never dropped.
CREATE SCHEMA IF NOT EXISTS user_data;

CREATE TABLE IF NOT EXISTS user_data.workbook_imports (
    import_id INTEGER PRIMARY KEY,
    fil VARCHAR NOT NULL,
    sha256 VARCHAR NOT NULL,
    blad VARCHAR NOT NULL,          -- the sheets it changed, each with its new and changed rows
    importerad TIMESTAMP NOT NULL,
    importerad_av VARCHAR NOT NULL,
    rader_nya INTEGER NOT NULL,
    rader_ersatta INTEGER NOT NULL,
    rader_oforandrade INTEGER NOT NULL,
    angrad TIMESTAMP,
    angrad_av VARCHAR
);

-- A statistics import that is a workbook's sheet Statistik: undone with its workbook, and the
-- workbook with it (the same number in both logs).
ALTER TABLE user_data.statistik_imports ADD COLUMN IF NOT EXISTS arbetsbok BOOLEAN DEFAULT false;

-- An outcome of a goal a workbook's sheet Utfall (or a file of outcomes) brought: it counts
-- while that import is not undone. NULL for one recorded in the form on Data.
ALTER TABLE user_data.goal_outcomes ADD COLUMN IF NOT EXISTS import_id INTEGER;

-- SCB imports (issue 25): who imported, and undo, as every import. Older imports keep their
-- rows; a new import's rows replace theirs in the view scb_helarsekvivalenter.
ALTER TABLE user_data.scb_imports ADD COLUMN IF NOT EXISTS importerad_av VARCHAR;
ALTER TABLE user_data.scb_imports ADD COLUMN IF NOT EXISTS angrad TIMESTAMP;
ALTER TABLE user_data.scb_imports ADD COLUMN IF NOT EXISTS angrad_av VARCHAR;

-- A budget line's source where the file names one (optional columns dokument, avsnitt; the
-- workbook's sheet Budget writes them): shown beside the figure instead of the file.
ALTER TABLE user_data.budget_import_rows ADD COLUMN IF NOT EXISTS dokument VARCHAR;
ALTER TABLE user_data.budget_import_rows ADD COLUMN IF NOT EXISTS avsnitt VARCHAR;
