-- An SCB file's rows (registered as scb_new) against the figures in effect: ny (none yet),
-- ändrad (another figure), oförändrad (the same).
SELECT n.*, h.helarsekvivalenter AS helarsekvivalenter_nu,
       CASE WHEN h.omradeskod IS NULL THEN 'ny'
            WHEN h.helarsekvivalenter IS NOT DISTINCT FROM n.helarsekvivalenter
             AND h.befolkning_20_64 IS NOT DISTINCT FROM n.befolkning_20_64
             AND h.andel_procent IS NOT DISTINCT FROM n.andel_procent
             AND h.manader = n.manader THEN 'oförändrad'
            ELSE 'ändrad' END AS status
FROM scb_new n
LEFT JOIN scb_helarsekvivalenter h
    ON h.omradeskod = n.omradeskod AND h.ar = n.ar AND h.alder = n.alder AND h.kon = n.kon
   AND h.ersattningssystem = n.ersattningssystem;
