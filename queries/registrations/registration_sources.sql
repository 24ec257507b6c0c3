-- The imports whose registrations count for the förbund $forbund, latest first: the file, when
-- and the period it covers (the source of every figure made of them).
SELECT DISTINCT i.import_id, i.fil, i.importerad, i.period_fran, i.period_till
FROM user_data.registration_imports i
JOIN user_data.registration_periods p USING (import_id)
WHERE i.angrad IS NULL AND p.forbund IN (SELECT unnest($forbund::VARCHAR[]))
  AND EXISTS (SELECT 1 FROM registrations r WHERE r.import_id = i.import_id)
ORDER BY i.import_id DESC;
