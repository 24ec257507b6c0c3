-- One row per budget line of a förbund and year: every measure side by side, with the
-- date the utfall runs to, the comment printed with the line and its source.
-- Lines come from one printed table per year (the latest document that has the year).
WITH source_table AS (
    SELECT tabell
    FROM budget_lines
    WHERE forbund = $forbund AND ar = $ar AND variant = 'slutlig'
    GROUP BY tabell
    ORDER BY max(dokument) DESC
    LIMIT 1
),
-- Utfall runs to a date and is cumulative: the lines show one period's, the latest on or
-- before $till (NULL: the latest there is), never a sum of two periods.
utfall_period AS (
    SELECT max(period_slut) AS till
    FROM budget_lines
    WHERE forbund = $forbund AND ar = $ar AND variant = 'slutlig' AND matt = 'utfall'
      AND period_slut <= coalesce($till::DATE, DATE '9999-12-31')
)
SELECT
    b.rad,
    b.post,
    CAST(b.kategori AS VARCHAR) AS kategori,
    any_value(b.rubrik) AS rubrik,
    sum(b.belopp) FILTER (WHERE b.matt = 'budget') AS budget,
    sum(b.belopp) FILTER (WHERE b.matt = 'utfall' AND b.period_slut = u.till) AS utfall,
    max(b.period_slut) FILTER (WHERE b.matt = 'utfall' AND b.period_slut = u.till) AS utfall_till,
    sum(b.belopp) FILTER (WHERE b.matt = 'prognos') AS prognos,
    sum(b.belopp) FILTER (WHERE b.matt = 'förväntat utfall') AS forvantat_utfall,
    sum(b.belopp) FILTER (WHERE b.matt = 'bokslut') AS bokslut,
    nullif(string_agg(DISTINCT b.anmarkning, ' '), '') AS kommentar,
    -- the document the line comes from, and the imports that changed it (if any)
    coalesce(any_value(b.dokument) FILTER (WHERE b.import_id IS NULL), any_value(b.dokument)) AS dokument,
    coalesce(any_value(b.avsnitt) FILTER (WHERE b.import_id IS NULL), any_value(b.avsnitt)) AS avsnitt,
    -- an imported line that names its own source (a workbook's) is cited by it, not as a file
    string_agg(DISTINCT b.dokument || ' (import ' || b.import_id || ')', ', ')
        FILTER (WHERE b.import_id IS NOT NULL AND b.avsnitt LIKE 'import %') AS importer,
    any_value(b.tabell) AS tabell
FROM budget_lines b
JOIN source_table USING (tabell)
CROSS JOIN utfall_period u
WHERE b.forbund = $forbund AND b.ar = $ar AND b.variant = 'slutlig'
GROUP BY b.rad, b.post, b.kategori
ORDER BY b.rad;
