-- An import's rows (registered as import_rows) against the budget lines in effect, by the
-- key förbund, år, period_slut, post, mått: new, changed (amount or kategori) or unchanged.
SELECT i.rad, i.forbund, i.ar, i.period_slut::DATE AS period_slut, i.post, i.kategori, i.matt,
       b.belopp AS belopp_nu, i.belopp,
       b.kategori::VARCHAR AS kategori_nu, b.import_id AS import_nu, i.dokument, i.avsnitt,
       CASE WHEN b.belopp IS NULL THEN 'ny'
            WHEN b.belopp = i.belopp AND b.kategori::VARCHAR = i.kategori THEN 'oförändrad'
            ELSE 'ändrad' END AS status
FROM import_rows i
LEFT JOIN budget_lines b
    ON b.forbund = i.forbund AND b.ar = i.ar AND b.period_slut = i.period_slut::DATE
   AND b.post = i.post AND b.matt::VARCHAR = i.matt AND b.variant = 'slutlig'
ORDER BY i.rad, i.matt;
