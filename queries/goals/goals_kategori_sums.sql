-- A förbund's budget lines of a year summed per kategori, per measure that runs to the year
-- end (budget, prognos, förväntat utfall, bokslut; not an utfall to a date), with the lines'
-- documents and sections.
SELECT CAST(matt AS VARCHAR) AS matt, CAST(kategori AS VARCHAR) AS kategori, sum(belopp) AS belopp,
       string_agg(DISTINCT dokument, ', ') AS dokument, string_agg(DISTINCT avsnitt, '; ') AS avsnitt
FROM budget_lines
WHERE forbund = $forbund AND ar = $ar AND variant = 'slutlig' AND matt <> 'utfall'
GROUP BY ALL
ORDER BY matt, kategori;
