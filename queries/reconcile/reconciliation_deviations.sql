-- Every printed deviation (avvikelse) recomputed as minuend minus subtrahend of its row.
WITH cell AS (
    SELECT tabell, rad, ar, matt, belopp FROM embedded.budget_lines WHERE variant = 'slutlig'  -- the documents, not imports
    UNION ALL SELECT tabell, rad, ar, matt, belopp FROM printed_totals WHERE variant = 'slutlig'
)
SELECT d.dokument, doc.titel || ' (' || doc.utgivare || ')' AS dokument_titel, d.tabell, d.avsnitt, d.forbund, d.rad, d.post,
       'avvikelse ' || d.ar || ' (' || d.minuend_matt || ' − ' || d.subtrahend_matt || ')' AS kolumn,
       d.belopp AS tryckt,
       coalesce(m.belopp, 0) - coalesce(s.belopp, 0) AS beraknat,
       d.belopp - (coalesce(m.belopp, 0) - coalesce(s.belopp, 0)) AS skillnad,
       d.enhet_i_kallan
FROM printed_deviations d
JOIN dokument doc ON doc.dokument = d.dokument
LEFT JOIN cell m ON m.tabell = d.tabell AND m.rad = d.rad AND m.ar = d.ar AND m.matt = d.minuend_matt
LEFT JOIN cell s ON s.tabell = d.tabell AND s.rad = d.rad AND s.ar = d.ar AND s.matt = d.subtrahend_matt
ORDER BY d.dokument, d.tabell, d.rad;
