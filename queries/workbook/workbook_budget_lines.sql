-- A förbund's budget lines in effect in the import format, for its workbook's sheet Budget
-- (as export_budget_lines, one förbund).
SELECT forbund AS "förbund", ar AS "år", strftime(period_slut, '%Y-%m-%d') AS period_slut,
       post, CAST(kategori AS VARCHAR) AS kategori, CAST(matt AS VARCHAR) AS "mått", belopp
FROM budget_lines
WHERE variant = 'slutlig' AND forbund = $forbund
ORDER BY ar, tabell, rad, matt;
