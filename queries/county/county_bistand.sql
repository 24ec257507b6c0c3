-- Ekonomiskt bistånd per inhabitant 20–64, the same year's population.
SELECT e.omradeskod, e.ar, e.utbetalt_kr / b.befolkning_20_64 AS varde,
       e.kalla || '; befolkning 20–64 år ' || b.ar || ' (' || b.kalla || ')' AS kalla
FROM ekonomiskt_bistand e
JOIN befolkning b ON b.omradeskod = e.omradeskod AND b.ar = e.ar
WHERE e.utbetalt_kr IS NOT NULL;
