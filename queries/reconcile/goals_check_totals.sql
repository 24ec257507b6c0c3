-- The printed totals the goals' checks compare with: a resultaträkning's rows and a
-- five-year overview's amounts (table "…-1.1").
SELECT forbund, ar, tabell, post, belopp, CAST(enhet_i_kallan AS VARCHAR) AS enhet_i_kallan, dokument, avsnitt
FROM printed_totals
WHERE variant = 'slutlig' AND (avsnitt LIKE '%Resultaträkning%' OR tabell LIKE '%-1.1');
