-- The kommuner's population 20–64, latest year: the key for splitting their quarter.
SELECT b.omrade AS kommun, b.befolkning_20_64
FROM befolkning b
WHERE length(b.omradeskod) = 4 AND b.ar = (SELECT max(ar) FROM befolkning)
ORDER BY b.omrade;
