-- The förbund's own rules and goals that apply in a year or later.
SELECT t.*, coalesce(d.titel || ' (' || d.utgivare || ')', t.dokument) || coalesce(', avsnitt ' || t.avsnitt, '') AS kalla
FROM targets t
LEFT JOIN dokument d USING (dokument)  -- a workbook's rule names its own document
WHERE t.forbund = $forbund AND (t.till_ar IS NULL OR t.till_ar >= $ar)
ORDER BY t.styrtal;
