-- Views the queries read. Built after every load of the embedded data.
-- Imported data (schema user_data) joins these views when the import lands (issue 8).

-- The rows each printed total sums, from its `summerar` column ("3 4 12..18").
CREATE TABLE embedded.total_components AS
WITH tokens AS (
    SELECT tabell, rad AS total_rad, ar, matt, variant,
           unnest(string_split(trim(summerar), ' ')) AS token
    FROM embedded.printed_totals
    WHERE coalesce(trim(summerar), '') <> ''
)
SELECT tabell, total_rad, ar, matt, variant,
       unnest(CASE WHEN token LIKE '%..%'
                   THEN generate_series(CAST(split_part(token, '..', 1) AS INTEGER),
                                        CAST(split_part(token, '..', 2) AS INTEGER))
                   ELSE [CAST(token AS INTEGER)] END) AS component_rad
FROM tokens
WHERE token <> '';

CREATE OR REPLACE VIEW dokument AS SELECT * FROM embedded.dokument;
CREATE OR REPLACE VIEW forbund AS SELECT * FROM embedded.forbund;
CREATE OR REPLACE VIEW kommuner AS SELECT * FROM embedded.kommuner;
CREATE OR REPLACE VIEW members AS SELECT * FROM embedded.members;
CREATE OR REPLACE VIEW budget_lines AS SELECT * FROM embedded.budget_lines;
CREATE OR REPLACE VIEW balance_items AS SELECT * FROM embedded.balance_items;
CREATE OR REPLACE VIEW printed_totals AS SELECT * FROM embedded.printed_totals;
CREATE OR REPLACE VIEW printed_deviations AS SELECT * FROM embedded.printed_deviations;
CREATE OR REPLACE VIEW contributions AS SELECT * FROM embedded.contributions;
CREATE OR REPLACE VIEW insatser AS SELECT * FROM embedded.insatser;
CREATE OR REPLACE VIEW insats_posts AS SELECT * FROM embedded.insats_posts;
CREATE OR REPLACE VIEW staffing AS SELECT * FROM embedded.staffing;
CREATE OR REPLACE VIEW capacity AS SELECT * FROM embedded.capacity;
CREATE OR REPLACE VIEW participants AS SELECT * FROM embedded.participants;
CREATE OR REPLACE VIEW helarsekvivalenter_dokument AS SELECT * FROM embedded.helarsekvivalenter_dokument;
CREATE OR REPLACE VIEW helarsekvivalenter_rangordning AS SELECT * FROM embedded.helarsekvivalenter_rangordning;
CREATE OR REPLACE VIEW calendar AS SELECT * FROM embedded.calendar;
CREATE OR REPLACE VIEW indikatorer AS SELECT * FROM embedded.indikatorer;
CREATE OR REPLACE VIEW targets AS SELECT * FROM embedded.targets;
CREATE OR REPLACE VIEW befolkning AS SELECT * FROM embedded.befolkning;
CREATE OR REPLACE VIEW ekonomiskt_bistand AS SELECT * FROM embedded.ekonomiskt_bistand;
CREATE OR REPLACE VIEW helarsekvivalenter_riket AS SELECT * FROM embedded.helarsekvivalenter_riket;
CREATE OR REPLACE VIEW helarsekvivalenter_riket_andel AS SELECT * FROM embedded.helarsekvivalenter_riket_andel;
CREATE OR REPLACE VIEW helarsekvivalenter_punkter AS SELECT * FROM embedded.helarsekvivalenter_punkter;
