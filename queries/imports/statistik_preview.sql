-- An import file's rows (registered as statistik_new) against the values in effect:
-- ny (no value yet), ändrad (another value), oförändrad (the same value).
SELECT n.*, k.varde AS varde_nu, k.import_id AS import_nu,
       CASE WHEN k.varde IS NULL THEN 'ny'
            WHEN k.varde = n.varde THEN 'oförändrad'
            ELSE 'ändrad' END AS status
FROM statistik_new n
LEFT JOIN kommunstatistik k
    ON k.omradeskod = n.omradeskod AND k.ar = n.ar AND k.matt = n.matt AND k.grupp = n.grupp
ORDER BY n.rad;
