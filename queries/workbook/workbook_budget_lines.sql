-- A förbund's budget lines in effect in the import format, for its workbook's sheet Budget
-- (as export_budget_lines, one förbund), with each line's source: the document and section of
-- a document's line, and of an imported line the source its file named (none: the file).
SELECT b.forbund AS "förbund", b.ar AS "år", strftime(b.period_slut, '%Y-%m-%d') AS period_slut,
       b.post, CAST(b.kategori AS VARCHAR) AS kategori, CAST(b.matt AS VARCHAR) AS "mått", b.belopp,
       CASE WHEN b.import_id IS NULL THEN b.dokument ELSE i.dokument END AS dokument,
       CASE WHEN b.import_id IS NULL THEN b.avsnitt ELSE i.avsnitt END AS avsnitt
FROM budget_lines b
LEFT JOIN imported_budget_lines i
    ON i.import_id = b.import_id AND i.forbund = b.forbund AND i.ar = b.ar
   AND i.period_slut = b.period_slut AND i.post = b.post AND i.matt = b.matt::VARCHAR
WHERE b.variant = 'slutlig' AND b.forbund = $forbund
ORDER BY b.ar, b.tabell, b.rad, b.matt;
