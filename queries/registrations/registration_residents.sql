-- Participants per insats and kommun of residence in year $ar: each participant of the
-- insats counted once (a restart is the same person), where a participation ran during
-- the year. A participation without an end date runs only to the end of the insats's reach
-- (registration_reach): a year that begins after it counts no one.
SELECT g.forbund, g.insats_id, g.kommunkod, count(DISTINCT g.deltagare) AS deltagare
FROM registrations g
JOIN registration_reach r ON r.forbund = g.forbund AND r.insats_id = g.insats_id
WHERE g.forbund IN (SELECT unnest($forbund::VARCHAR[]))
  AND g.startdatum <= make_date($ar, 12, 31)
  AND (g.slutdatum IS NULL OR g.slutdatum >= make_date($ar, 1, 1))
  AND r.till >= make_date($ar, 1, 1)
GROUP BY ALL
ORDER BY g.forbund, g.insats_id, g.kommunkod;
