-- The key figures of one förbund and year, per measure and source table.
SELECT matt, period_slut, tabell,
       any_value(dokument) AS dokument, any_value(avsnitt) AS avsnitt,
       any_value(enhet_i_kallan) AS enhet,
       sum(belopp) FILTER (WHERE kategori = 'intäkt') AS intakter,  -- NULL: no income line
       coalesce(sum(belopp) FILTER (WHERE kategori <> 'intäkt'), 0) AS kostnader,
       sum(belopp) AS resultat,
       coalesce(sum(belopp) FILTER (WHERE kategori = 'administration'), 0) AS administration,
       coalesce(sum(belopp) FILTER (WHERE kategori = 'individinsats'), 0) AS individinsatser,
       coalesce(sum(belopp) FILTER (WHERE kategori = 'strukturinsats'), 0) AS strukturinsatser
FROM budget_lines
WHERE forbund = $forbund AND ar = $ar AND variant = 'slutlig'
GROUP BY matt, period_slut, tabell
ORDER BY matt, period_slut DESC, tabell DESC;
