-- The five-year overview of an årsredovisning as printed: intäkter, kostnader and result
-- from printed_totals (its table "…-1.1"), soliditet and staff from nyckeltal.
SELECT forbund, ar, post AS nyckeltal, CAST(belopp AS DOUBLE) AS varde, 'kr' AS enhet,
       CAST(enhet_i_kallan AS VARCHAR) AS enhet_i_kallan, rad AS ordning, dokument, avsnitt
FROM printed_totals
WHERE forbund = $forbund AND tabell LIKE '%-1.1' AND variant = 'slutlig'
UNION ALL
SELECT forbund, ar, nyckeltal, varde, enhet, enhet_i_kallan,
       CASE nyckeltal WHEN 'soliditet' THEN 4 ELSE 5 END AS ordning, dokument, avsnitt
FROM nyckeltal
WHERE forbund = $forbund AND avsnitt LIKE '1.1 %' AND nyckeltal IN ('soliditet', 'antal anställda')
ORDER BY ordning, ar DESC;
