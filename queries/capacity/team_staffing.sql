-- Staffing as printed: for each insats the latest plan at or before the year.
WITH latest AS (
    SELECT * FROM staffing
    WHERE ar <= $ar
    QUALIFY ar = max(ar) OVER (PARTITION BY insats_id)
),
names AS (SELECT insats_id, min(namn) AS namn FROM insatser GROUP BY insats_id)
SELECT s.insats_id, s.ar, n.namn, s.roll, coalesce(s.arbetsgivare, 'ej angiven') AS arbetsgivare,
       s.fte, s.finansieras_av, s.fte_finansierat, s.anmarkning, s.dokument, s.avsnitt
FROM latest s
LEFT JOIN names n USING (insats_id)
ORDER BY n.namn, s.roll;
