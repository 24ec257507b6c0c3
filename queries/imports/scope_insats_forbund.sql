-- The förbund that run an insats in a year (staffing and places are keyed by insats and year,
-- not by förbund: a row for the insats that year is theirs).
SELECT DISTINCT forbund FROM insatser
WHERE insats_id = $insats_id AND coalesce(fran_ar, 0) <= $ar AND coalesce(till_ar, 9999) >= $ar;
