-- Participants in year $ar per kommun of residence in län $lan, from every förbund's
-- registrations (each participant counted once per insats), with the kommun's population
-- 20–64 of the latest year at or before $ar that the data has. A participation without an
-- end date runs only to the end of its insats's reach (registration_reach).
WITH counted AS (
    SELECT g.kommunkod, count(DISTINCT (g.forbund, g.insats_id, g.deltagare)) AS deltagare
    FROM registrations g
    JOIN registration_reach r ON r.forbund = g.forbund AND r.insats_id = g.insats_id
    WHERE g.startdatum <= make_date($ar, 12, 31)
      AND (g.slutdatum IS NULL OR g.slutdatum >= make_date($ar, 1, 1))
      AND r.till >= make_date($ar, 1, 1)
    GROUP BY g.kommunkod
),
population AS (
    SELECT omradeskod AS kommunkod, arg_max(befolkning_20_64, ar) AS befolkning, max(ar) AS befolkning_ar,
           arg_max(kalla, ar) AS befolkning_kalla
    FROM befolkning WHERE ar <= $ar GROUP BY omradeskod
)
SELECT k.kommunkod, k.kommun, coalesce(c.deltagare, 0) AS deltagare, p.befolkning, p.befolkning_ar,
       p.befolkning_kalla
FROM kommuner k
LEFT JOIN counted c USING (kommunkod)
LEFT JOIN population p USING (kommunkod)
WHERE k.lan_kod = $lan
ORDER BY k.kommun;
