-- A förbund's member kommuner, by code.
SELECT DISTINCT kommunkod FROM members WHERE forbund = $forbund AND kommunkod IS NOT NULL ORDER BY kommunkod;
