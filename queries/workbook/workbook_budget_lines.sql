-- A förbund's budget lines in effect in the import format, for its workbook's sheet Budget
-- (as export_budget_lines, one förbund), with each line's source: the document and section,
-- or none for a line an import brought without one (its file is its source).
SELECT forbund AS "förbund", ar AS "år", strftime(period_slut, '%Y-%m-%d') AS period_slut,
       post, CAST(kategori AS VARCHAR) AS kategori, CAST(matt AS VARCHAR) AS "mått", belopp,
       CASE WHEN import_id IS NULL OR avsnitt NOT LIKE 'import %' THEN dokument END AS dokument,
       CASE WHEN import_id IS NULL OR avsnitt NOT LIKE 'import %' THEN avsnitt END AS avsnitt
FROM budget_lines
WHERE variant = 'slutlig' AND forbund = $forbund
ORDER BY ar, tabell, rad, matt;
