-- What the förbund budgets for the insatser serving a kommun, per year. An insats shared by
-- several kommuner is attributed by their population 20–64 (2024), and says so.
WITH serving AS (
    SELECT DISTINCT insats_id, string_split(kommunkoder, ' ') AS koder
    FROM insatser
    WHERE list_contains(string_split(coalesce(kommunkoder, ''), ' '), $kommunkod)
),
population AS (SELECT omradeskod, befolkning_20_64 FROM befolkning WHERE ar = 2024),
share AS (
    SELECT s.insats_id, len(s.koder) AS antal_kommuner,
           (SELECT befolkning_20_64 FROM population WHERE omradeskod = $kommunkod)
           / (SELECT sum(befolkning_20_64) FROM population WHERE list_contains(s.koder, omradeskod)) AS andel
    FROM serving s
),
money AS (
    SELECT p.insats_id, b.ar, b.forbund,
           -sum(b.belopp) FILTER (WHERE b.matt = 'budget') AS budget,
           -sum(b.belopp) FILTER (WHERE b.matt IN ('bokslut', 'prognos', 'förväntat utfall')) AS utfall,
           any_value(b.dokument) AS dokument, any_value(b.avsnitt) AS avsnitt
    FROM budget_lines b JOIN insats_posts p ON p.forbund = b.forbund AND p.post = b.post
    WHERE b.variant = 'slutlig' AND p.insats_id IN (SELECT insats_id FROM serving)
    GROUP BY ALL
)
SELECT m.ar AS "År", (SELECT any_value(namn) FROM insatser i WHERE i.insats_id = m.insats_id) AS "Insats",
       m.forbund AS "Förbund", m.budget AS "Budget", m.utfall AS "Utfall/prognos",
       s.antal_kommuner AS "Delas av kommuner", s.andel AS "Kommunens andel",
       m.budget * s.andel AS "Budget, kommunens andel", m.dokument, m.avsnitt
FROM money m JOIN share s USING (insats_id)
ORDER BY m.ar, "Insats";
