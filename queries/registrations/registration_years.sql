-- The years the registrations of the förbund $forbund cover, latest first.
SELECT DISTINCT unnest(generate_series(year(fran), year(till))) AS ar
FROM registration_reach
WHERE forbund IN (SELECT unnest($forbund::VARCHAR[]))
ORDER BY ar DESC;
