-- Per insats of the förbund $forbund and month its registrations cover (the month's last day
-- within the reach of the imports in effect): participants active at the month's end (started
-- on or before its last day, not ended by then), started and ended in the month, ended to
-- work or studies, and the median days in the insats of those who ended (start and end day
-- both counted).
WITH reach AS (
    SELECT * FROM registration_reach WHERE forbund IN (SELECT unnest($forbund::VARCHAR[]))
),
months AS (
    SELECT r.forbund, r.insats_id, m.forsta::DATE AS forsta, last_day(m.forsta)::DATE AS manad_slut
    FROM reach r,
         LATERAL (SELECT unnest(generate_series(date_trunc('month', r.fran), date_trunc('month', r.till),
                                                INTERVAL 1 MONTH)) AS forsta) m
    WHERE last_day(m.forsta) <= r.till
)
SELECT m.forbund, m.insats_id, m.manad_slut,
       count(g.startdatum) FILTER (WHERE g.slutdatum IS NULL OR g.slutdatum > m.manad_slut) AS aktiva,
       count(g.startdatum) FILTER (WHERE g.startdatum >= m.forsta) AS startade,
       count(g.startdatum) FILTER (WHERE g.slutdatum <= m.manad_slut) AS avslutade,
       count(g.startdatum) FILTER (
           WHERE g.slutdatum <= m.manad_slut AND g.avslut IN ('arbete', 'studier')
       ) AS till_arbete_studier,
       median(g.slutdatum - g.startdatum + 1) FILTER (WHERE g.slutdatum <= m.manad_slut) AS median_dagar
FROM months m
LEFT JOIN registrations g
  ON g.forbund = m.forbund AND g.insats_id = m.insats_id
 AND g.startdatum <= m.manad_slut AND (g.slutdatum IS NULL OR g.slutdatum >= m.forsta)
GROUP BY ALL
ORDER BY m.forbund, m.insats_id, m.manad_slut;
