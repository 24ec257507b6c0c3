-- The names of a förbund's insatser (a goal computed from the registrations names the
-- insatser it counts).
SELECT insats_id, min(namn) AS namn
FROM insatser
WHERE forbund = $forbund
GROUP BY insats_id
ORDER BY insats_id;
