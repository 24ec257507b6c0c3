-- Every insats with a budget line, printed staffing or printed places in a year: its
-- förbund that year, the kommuner it serves, total FTE, the places as printed and the
-- förbund's budget for it. Staffing and places are the latest printed at or before the
-- year (bemanning_ar, platser_ar say which year's plan they are).
WITH money AS (
    SELECT p.insats_id, sum(b.belopp) FILTER (WHERE b.matt = 'budget') AS budget,
           string_agg(DISTINCT b.dokument, ', ') AS dokument_budget
    FROM budget_lines b JOIN insats_posts p ON p.forbund = b.forbund AND p.post = b.post
    WHERE b.ar = $ar AND b.variant = 'slutlig'
    GROUP BY p.insats_id
),
latest_staff AS (
    SELECT * FROM staffing
    WHERE ar <= $ar
    QUALIFY ar = max(ar) OVER (PARTITION BY insats_id)
),
latest_capacity AS (
    SELECT * FROM capacity
    WHERE ar <= $ar
    QUALIFY ar = max(ar) OVER (PARTITION BY insats_id)
),
planned AS (
    SELECT insats_id FROM staffing WHERE ar = $ar
    UNION SELECT insats_id FROM capacity WHERE ar = $ar
    UNION SELECT insats_id FROM money WHERE budget IS NOT NULL
),
staff AS (
    SELECT insats_id, any_value(ar) AS bemanning_ar, sum(fte) AS fte,
           count(*) FILTER (WHERE fte IS NULL) AS roller_utan_fte,
           sum(fte_finansierat) AS fte_medlem,
           string_agg(DISTINCT finansieras_av, ', ') AS finansieras_av,
           string_agg(DISTINCT dokument, ', ') AS dokument_bemanning
    FROM latest_staff GROUP BY insats_id
),
places AS (
    -- The measure of places that best says how many the team takes at a time.
    SELECT insats_id, any_value(ar) AS platser_ar,
           arg_min(matt, CASE matt WHEN 'planerade samtidiga deltagare' THEN 1 WHEN 'årsplatser' THEN 2
                                   WHEN 'finansierade platser' THEN 3 ELSE 4 END) AS platser_matt,
           arg_min(varde_text, CASE matt WHEN 'planerade samtidiga deltagare' THEN 1 WHEN 'årsplatser' THEN 2
                                   WHEN 'finansierade platser' THEN 3 ELSE 4 END) AS platser_text,
           arg_min(varde_min, CASE matt WHEN 'planerade samtidiga deltagare' THEN 1 WHEN 'årsplatser' THEN 2
                                   WHEN 'finansierade platser' THEN 3 ELSE 4 END) AS platser_min,
           arg_min(varde_max, CASE matt WHEN 'planerade samtidiga deltagare' THEN 1 WHEN 'årsplatser' THEN 2
                                   WHEN 'finansierade platser' THEN 3 ELSE 4 END) AS platser_max,
           string_agg(anmarkning, ' ') AS platser_anmarkning,
           string_agg(DISTINCT dokument, ', ') AS dokument_platser
    FROM latest_capacity GROUP BY insats_id
),
owner AS (
    -- The förbund that existed in the year and financed the insats.
    SELECT i.insats_id, any_value(i.forbund) AS forbund, min(i.namn) AS namn,
           any_value(i.kommunkoder) AS kommunkoder, any_value(i.insatstyp) AS insatstyp
    FROM insatser i JOIN forbund f USING (forbund)
    WHERE coalesce(f.fran_ar, 0) <= $ar AND coalesce(f.till_ar, 9999) >= $ar
    GROUP BY i.insats_id
)
SELECT pl.insats_id, o.namn, o.forbund, o.insatstyp,
       (SELECT string_agg(k.kommun, ', ' ORDER BY k.kommun) FROM kommuner k
        WHERE list_contains(string_split(coalesce(o.kommunkoder, ''), ' '), k.kommunkod)) AS kommuner,
       s.bemanning_ar, s.fte, s.roller_utan_fte, s.fte_medlem, s.finansieras_av,
       c.platser_ar, c.platser_matt, c.platser_text, c.platser_min, c.platser_max, c.platser_anmarkning,
       -m.budget AS budget_kostnad,
       s.dokument_bemanning, c.dokument_platser, m.dokument_budget
FROM planned pl
LEFT JOIN owner o USING (insats_id)
LEFT JOIN staff s USING (insats_id)
LEFT JOIN places c USING (insats_id)
LEFT JOIN money m USING (insats_id)
ORDER BY o.insatstyp, o.namn;
