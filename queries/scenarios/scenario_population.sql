-- The förbund's member kommuner's population 20–64, each kommun's latest year: the key for
-- splitting their quarter.
SELECT b.omrade AS kommun, b.befolkning_20_64
FROM befolkning b
WHERE length(b.omradeskod) = 4
  AND b.omradeskod IN (SELECT kommunkod FROM members WHERE forbund = $forbund)
QUALIFY row_number() OVER (PARTITION BY b.omradeskod ORDER BY b.ar DESC) = 1
ORDER BY b.omrade;
