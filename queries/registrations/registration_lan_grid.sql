-- Participants in year $ar per kommun of residence in län $lan and team (förbund, insats),
-- from every förbund's registrations, each participant once per insats where a participation
-- ran during the year (within the insats's reach): the cells of which Teamkapacitet shows the
-- förbund's teams and Länsjämförelse the kommuner's sums, protected as one table.
SELECT g.kommunkod, g.forbund, g.insats_id, count(DISTINCT g.deltagare) AS deltagare
FROM registrations g
JOIN registration_reach r ON r.forbund = g.forbund AND r.insats_id = g.insats_id
JOIN kommuner k ON k.kommunkod = g.kommunkod
WHERE k.lan_kod = $lan
  AND g.startdatum <= make_date($ar, 12, 31)
  AND (g.slutdatum IS NULL OR g.slutdatum >= make_date($ar, 1, 1))
  AND r.till >= make_date($ar, 1, 1)
GROUP BY ALL
ORDER BY g.kommunkod, g.forbund, g.insats_id;
