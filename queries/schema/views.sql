-- Views the queries read. Built after every load of the embedded data.
-- Imported budget lines (schema user_data) join the view budget_lines.

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
-- Imported budget lines in effect: for each key (förbund, år, period_slut, post, mått) the
-- row of the latest import that has not been undone.
CREATE OR REPLACE VIEW imported_budget_lines AS
SELECT * EXCLUDE (n)
FROM (
    SELECT r.*, i.fil, i.importerad,
           row_number() OVER (
               PARTITION BY r.forbund, r.ar, r.period_slut, r.post, r.matt ORDER BY r.import_id DESC
           ) AS n
    FROM user_data.budget_import_rows r
    JOIN user_data.budget_imports i USING (import_id)
    WHERE i.angrad IS NULL
)
WHERE n = 1;

-- The budget lines every page reads: the documents' lines, where an import has not
-- replaced them, and the imported lines. An imported line takes the place (table, row,
-- heading) of the document's line of the same post and year; a new post goes below the
-- year's last line, in the order of the file.
CREATE OR REPLACE VIEW budget_lines AS
WITH year_table AS (
    SELECT forbund, ar, max(tabell) AS tabell, max(rad) AS last_rad
    FROM embedded.budget_lines
    WHERE variant = 'slutlig'
    GROUP BY forbund, ar
),
post_place AS (
    SELECT forbund, ar, tabell, post, min(rad) AS rad, any_value(rubrik) AS rubrik
    FROM embedded.budget_lines
    GROUP BY forbund, ar, tabell, post
),
kategori_rubrik AS (
    SELECT forbund, kategori::VARCHAR AS kategori, mode(rubrik) AS rubrik
    FROM embedded.budget_lines
    GROUP BY forbund, kategori
),
placed AS (
    SELECT i.*, y.tabell AS year_tabell, coalesce(y.last_rad, 0) AS last_rad,
           p.rad AS document_rad, coalesce(p.rubrik, k.rubrik) AS place_rubrik
    FROM imported_budget_lines i
    LEFT JOIN year_table y ON y.forbund = i.forbund AND y.ar = i.ar
    LEFT JOIN post_place p ON p.forbund = i.forbund AND p.ar = i.ar AND p.tabell = y.tabell AND p.post = i.post
    LEFT JOIN kategori_rubrik k ON k.forbund = i.forbund AND k.kategori = i.kategori
),
new_post_rad AS (
    SELECT forbund, ar, post,
           any_value(last_rad) + row_number() OVER (PARTITION BY forbund, ar ORDER BY min(import_id), min(rad)) AS rad
    FROM placed
    WHERE document_rad IS NULL
    GROUP BY forbund, ar, post
)
SELECT e.*, NULL::INTEGER AS import_id
FROM embedded.budget_lines e
ANTI JOIN imported_budget_lines i
    ON i.forbund = e.forbund AND i.ar = e.ar AND i.period_slut = e.period_slut
   AND i.post = e.post AND i.matt = e.matt::VARCHAR
UNION ALL
SELECT p.forbund, p.ar, p.period_slut, p.matt::embedded.matt AS matt, 'slutlig'::embedded.variant AS variant,
       p.post, p.kategori::embedded.kategori AS kategori, p.place_rubrik AS rubrik, p.belopp,
       'kr'::embedded.enhet_i_kallan AS enhet_i_kallan,
       coalesce(p.year_tabell, 'import ' || p.forbund || ' ' || p.ar) AS tabell,
       coalesce(p.document_rad, n.rad) AS rad,
       -- the source the line names, else the file it came in
       coalesce(p.dokument, p.fil) AS dokument,
       coalesce(p.avsnitt, 'import ' || p.import_id || ' (' || strftime(p.importerad, '%Y-%m-%d %H:%M') || '), rad ' || p.rad) AS avsnitt,
       NULL AS anmarkning,
       p.import_id
FROM placed p
LEFT JOIN new_post_rad n ON n.forbund = p.forbund AND n.ar = p.ar AND n.post = p.post;
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
-- Published statistics in effect: each embedded value unless an import (not undone) gives
-- the same area, year, measure and group, and then the newest import's value.
CREATE OR REPLACE VIEW imported_kommunstatistik AS
SELECT * EXCLUDE (n)
FROM (
    SELECT r.*, i.importerad,
           row_number() OVER (PARTITION BY r.omradeskod, r.ar, r.matt, r.grupp ORDER BY r.import_id DESC) AS n
    FROM user_data.statistik_import_rows r
    JOIN user_data.statistik_imports i USING (import_id)
    WHERE i.angrad IS NULL
)
WHERE n = 1;
CREATE OR REPLACE VIEW kommunstatistik AS
SELECT e.*, NULL::INTEGER AS import_id
FROM embedded.kommunstatistik e
ANTI JOIN imported_kommunstatistik i
    ON i.omradeskod = e.omradeskod AND i.ar = e.ar AND i.matt = e.matt AND i.grupp = e.grupp
UNION ALL
SELECT omradeskod, omrade, ar, matt, grupp, varde, enhet, varde_text, kalla, utgivare, sida, tabell,
       senast_uppdaterad, CAST(importerad AS DATE) AS last, import_id
FROM imported_kommunstatistik;
CREATE OR REPLACE VIEW kommunstatistik_avvikelser AS SELECT * FROM embedded.kommunstatistik_avvikelser;

-- SCB's helårsekvivalenter in effect: for each region, year, age and kön the rows of the
-- newest SCB import not undone (a file replaces the earlier figures of what it covers; undone,
-- the earlier ones count again), with the file and the day it was fetched.
CREATE OR REPLACE VIEW scb_helarsekvivalenter AS
SELECT h.*, i.fil, i.hamtad
FROM user_data.scb_helarsekvivalenter h
JOIN user_data.scb_imports i USING (import_id)
WHERE i.angrad IS NULL
QUALIFY h.import_id = max(h.import_id) OVER (PARTITION BY h.omradeskod, h.ar, h.alder, h.kon);
