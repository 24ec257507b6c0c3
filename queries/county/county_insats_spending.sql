-- What each förbund budgets for the insatser serving each kommun, per year: an insats serving
-- several kommuner (insatser.kommunkoder) attributed by their population 20–64 in 2024, as the
-- kommun profile does (county_kommun_insatser.sql). Budget lines are costs: signed positive here.
WITH serving AS (
    SELECT insats_id, unnest(string_split(kommunkoder, ' ')) AS omradeskod, string_split(kommunkoder, ' ') AS koder
    FROM (SELECT DISTINCT insats_id, kommunkoder FROM insatser WHERE coalesce(kommunkoder, '') <> '')
),
population AS (SELECT omradeskod, befolkning_20_64 FROM befolkning WHERE ar = 2024),
share AS (
    SELECT s.insats_id, s.omradeskod,
           p.befolkning_20_64 / (SELECT sum(befolkning_20_64) FROM population q WHERE list_contains(s.koder, q.omradeskod)) AS andel
    FROM serving s JOIN population p USING (omradeskod)
),
money AS (
    SELECT p.insats_id, b.ar, -sum(b.belopp) AS budget
    FROM budget_lines b JOIN insats_posts p ON p.forbund = b.forbund AND p.post = b.post
    WHERE b.variant = 'slutlig' AND b.matt = 'budget'
    GROUP BY ALL
)
SELECT s.omradeskod, m.ar, sum(m.budget * s.andel) AS belopp
FROM money m JOIN share s USING (insats_id)
GROUP BY ALL
ORDER BY s.omradeskod, m.ar;
