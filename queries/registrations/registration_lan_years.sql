-- The years in which someone living in län $lan took part in an insats, within the years its
-- insats's registrations cover (registration_reach), and how far into each year the
-- registrations of those insatser reach: the earliest and the latest end of their reach,
-- at most 31 December. A participation without an end date runs to the end of the reach.
WITH lan_rows AS (
    SELECT g.forbund, g.insats_id, g.startdatum, coalesce(g.slutdatum, r.till) AS slut, r.fran, r.till
    FROM registrations g
    JOIN kommuner k ON k.kommunkod = g.kommunkod
    JOIN registration_reach r ON r.forbund = g.forbund AND r.insats_id = g.insats_id
    WHERE k.lan_kod = $lan
),
ran AS (
    SELECT DISTINCT forbund, insats_id, till,
           unnest(generate_series(greatest(year(startdatum), year(fran)), least(year(slut), year(till)))) AS ar
    FROM lan_rows
)
SELECT ar::INTEGER AS ar,
       min(least(till, make_date(ar, 12, 31))) AS forsta_slut,
       max(least(till, make_date(ar, 12, 31))) AS sista_slut
FROM ran
GROUP BY ar
ORDER BY ar;
