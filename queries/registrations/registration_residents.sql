-- Participants per insats and kommun of residence in year $ar: each participant of the
-- insats counted once (a restart is the same person), where a participation ran during
-- the year.
SELECT g.forbund, g.insats_id, g.kommunkod, count(DISTINCT g.deltagare) AS deltagare
FROM registrations g
WHERE g.forbund IN (SELECT unnest($forbund::VARCHAR[]))
  AND g.startdatum <= make_date($ar, 12, 31)
  AND (g.slutdatum IS NULL OR g.slutdatum >= make_date($ar, 1, 1))
GROUP BY ALL
ORDER BY g.forbund, g.insats_id, g.kommunkod;
