-- Outcomes of goals recorded by editors on the page Data (issue 17). Created if missing,
-- never dropped: a rebuild of the embedded data leaves them as they are. One row per
-- recording; undo marks it undone (angrad) and the outcome before it counts again.
CREATE SCHEMA IF NOT EXISTS user_data;

CREATE TABLE IF NOT EXISTS user_data.goal_outcomes (
    utfall_id INTEGER PRIMARY KEY,
    mal_id VARCHAR NOT NULL,
    period VARCHAR NOT NULL,        -- the year (2025) or a part of it (2025-01-01..2025-08-31)
    utfall DOUBLE,                  -- in the goal's unit; empty for a qualitative goal
    bedomning VARCHAR,              -- uppnått, delvis or ej uppnått, where the editor assesses
    utfall_text VARCHAR NOT NULL,   -- what came of it, in words
    kalla VARCHAR NOT NULL,         -- where the figure comes from (a report, a protocol)
    registrerad TIMESTAMP NOT NULL,
    registrerad_av VARCHAR NOT NULL,
    angrad TIMESTAMP,
    angrad_av VARCHAR
);
