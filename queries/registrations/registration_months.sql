-- Per insats of the förbund $forbund and month its registrations cover (the month's last day
-- within the period of an import in effect): participants active at the month's end (started
-- on or before its last day, not ended by then), started and ended in the month, ended to
-- work or studies, and the median days in the insats of those who ended (start and end day
-- both counted).
WITH periods AS (
    -- each import's period in effect: a month between two of them is not covered
    SELECT p.forbund, p.insats_id, p.fran, p.till
    FROM user_data.registration_periods p
    JOIN user_data.registration_imports i ON i.import_id = p.import_id AND i.angrad IS NULL
    WHERE p.forbund IN (SELECT unnest($forbund::VARCHAR[]))
),
months AS (
    SELECT DISTINCT r.forbund, r.insats_id, m.forsta::DATE AS forsta, last_day(m.forsta)::DATE AS manad_slut
    FROM periods r,
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
