-- Budget and outcome of one insats per year and förbund, from the budget lines the explicit
-- mapping (insats_posts) ties to it: the same figures as the budget page, one source.
WITH lines AS (
    SELECT b.forbund, b.ar, b.post, CAST(b.matt AS VARCHAR) AS matt, b.period_slut, b.belopp, b.dokument,
           -- utfall is cumulative to its date: only the year's latest period counts
           max(b.period_slut) FILTER (WHERE b.matt = 'utfall') OVER (PARTITION BY b.forbund, b.ar) AS utfall_period
    FROM budget_lines b
    JOIN insats_posts p ON p.forbund = b.forbund AND p.post = b.post
    WHERE p.insats_id = $insats_id AND b.variant = 'slutlig'
)
SELECT $insats_id AS insats_id, l.forbund, l.ar, any_value(l.post) AS post,
       sum(l.belopp) FILTER (WHERE l.matt = 'budget') AS budget,
       sum(l.belopp) FILTER (WHERE l.matt = 'utfall' AND l.period_slut = l.utfall_period) AS utfall,
       max(l.period_slut) FILTER (WHERE l.matt = 'utfall' AND l.period_slut = l.utfall_period) AS utfall_till,
       sum(l.belopp) FILTER (WHERE l.matt = 'prognos') AS prognos,
       sum(l.belopp) FILTER (WHERE l.matt = 'förväntat utfall') AS forvantat_utfall,
       sum(l.belopp) FILTER (WHERE l.matt = 'bokslut') AS bokslut,
       string_agg(DISTINCT l.dokument, ', ') AS dokument
FROM lines l
GROUP BY l.forbund, l.ar
ORDER BY l.ar, l.forbund;
