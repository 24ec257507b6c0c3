SELECT respondentgrupp FROM indikatorer
WHERE forbund IN (SELECT unnest($forbund::VARCHAR[]))
GROUP BY respondentgrupp ORDER BY count(*) DESC;
