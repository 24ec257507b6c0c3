-- The förbund's own rules and goals that apply in a year or later.
SELECT t.*, d.titel || ' (' || d.utgivare || '), avsnitt ' || t.avsnitt AS kalla
FROM targets t
JOIN dokument d USING (dokument)
WHERE t.forbund = $forbund AND (t.till_ar IS NULL OR t.till_ar >= $ar)
ORDER BY t.styrtal;
