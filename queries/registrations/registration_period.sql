-- The förbund's registrations in a period, per insats: participations during it (started on
-- or before its last day, not ended before its first), started in it, ended in it, and ended
-- to work or studies, and the people (a restart is the same person); with how far the insats's registrations reach.
SELECT r.forbund, r.insats_id, r.fran AS reach_fran, r.till AS reach_till,
       count(g.startdatum) AS deltagare,
       count(DISTINCT g.deltagare) AS personer,
       count(g.startdatum) FILTER (WHERE g.startdatum >= $fran) AS nya,
       count(g.startdatum) FILTER (WHERE g.slutdatum <= $till) AS avslutade,
       count(g.startdatum) FILTER (WHERE g.slutdatum <= $till AND g.avslut IN ('arbete', 'studier'))
           AS till_arbete_studier
FROM registration_reach r
LEFT JOIN registrations g
  ON g.forbund = r.forbund AND g.insats_id = r.insats_id
 AND g.startdatum <= $till AND (g.slutdatum IS NULL OR g.slutdatum >= $fran)
WHERE r.forbund IN (SELECT unnest($forbund::VARCHAR[]))
GROUP BY ALL
ORDER BY r.forbund, r.insats_id;
