-- The insats behind one budget line, across every förbund and year that financed it,
-- matched by the explicit mapping in insats_posts (never by similar names).
WITH insats AS (
    SELECT insats_id FROM insats_posts WHERE forbund = $forbund AND post = $post
),
lines AS (
    SELECT b.forbund, b.ar, b.post, CAST(b.matt AS VARCHAR) AS matt, b.period_slut, b.belopp,
           b.dokument, p.insats_id
    FROM budget_lines b
    JOIN insats_posts p ON p.forbund = b.forbund AND p.post = b.post
    WHERE p.insats_id IN (SELECT insats_id FROM insats) AND b.variant = 'slutlig'
)
SELECT l.insats_id, any_value(i.namn) AS namn, l.forbund, l.ar, any_value(l.post) AS post,
       sum(l.belopp) FILTER (WHERE l.matt = 'budget') AS budget,
       sum(l.belopp) FILTER (WHERE l.matt = 'utfall') AS utfall,
       max(l.period_slut) FILTER (WHERE l.matt = 'utfall') AS utfall_till,
       sum(l.belopp) FILTER (WHERE l.matt = 'prognos') AS prognos,
       sum(l.belopp) FILTER (WHERE l.matt = 'förväntat utfall') AS forvantat_utfall,
       sum(l.belopp) FILTER (WHERE l.matt = 'bokslut') AS bokslut,
       string_agg(DISTINCT l.dokument, ', ') AS dokument
FROM lines l
LEFT JOIN insatser i ON i.insats_id = l.insats_id AND i.forbund = l.forbund
GROUP BY l.insats_id, l.forbund, l.ar
ORDER BY l.ar, l.forbund;
