-- The förbund a kommun has been a member of, and when.
SELECT m.forbund AS "Förbund", coalesce(CAST(m.fran_ar AS VARCHAR), CAST(f.fran_ar AS VARCHAR), '?') || '–'
       || coalesce(CAST(m.till_ar AS VARCHAR), CAST(f.till_ar AS VARCHAR), '') AS "År",
       coalesce(d.titel || ' (' || d.utgivare || ')', m.dokument) AS "Källa"  -- a workbook's own source
FROM members m
JOIN forbund f USING (forbund)
LEFT JOIN dokument d ON d.dokument = m.dokument
WHERE m.kommunkod = $kommunkod
ORDER BY coalesce(f.till_ar, 9999);
