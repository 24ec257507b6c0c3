-- What each förbund has: per year and measure, the date the figures run to and the source.
SELECT f.forbund, f.kortnamn, f.fran_ar, f.till_ar, f.ersatt_av,
       b.ar, b.matt, max(b.period_slut) AS period_slut,
       string_agg(DISTINCT b.dokument, ', ' ORDER BY b.dokument) AS dokument
FROM forbund f
JOIN budget_lines b USING (forbund)
WHERE b.variant = 'slutlig'
GROUP BY ALL
ORDER BY f.forbund, b.ar, b.matt;
