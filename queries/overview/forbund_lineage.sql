-- A förbund's line of history: itself, the förbund merged into it, the one it merged into
-- and the others merged into that one.
WITH successor AS (SELECT ersatt_av FROM forbund WHERE forbund = $forbund)
SELECT forbund
FROM forbund
WHERE forbund = $forbund
   OR ersatt_av = $forbund
   OR forbund = (SELECT ersatt_av FROM successor)
   OR ersatt_av = (SELECT ersatt_av FROM successor)
ORDER BY forbund;
