-- Budget lines in the import format (issue 8): förbund;år;period_slut;post;kategori;mått;belopp.
-- Only final figures: a preliminary figure has no place in the import key.
SELECT forbund AS "förbund", ar AS "år", strftime(period_slut, '%Y-%m-%d') AS period_slut,
       post, CAST(kategori AS VARCHAR) AS kategori, CAST(matt AS VARCHAR) AS "mått", belopp
FROM budget_lines
WHERE variant = 'slutlig'
ORDER BY forbund, ar, tabell, rad, matt;
