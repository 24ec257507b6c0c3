-- The latest eget kapital of a förbund at or before the end of a year: the closing
-- balance (total, with the year's result), preferring a bokslut on the same date.
SELECT post, period_slut, matt, belopp, dokument, avsnitt, enhet_i_kallan AS enhet
FROM balance_items
WHERE forbund = $forbund
  AND variant = 'slutlig'
  AND lower(post) LIKE '%eget kapital%'
  AND lower(post) NOT LIKE '%ingående%'
  -- "Övrigt eget kapital" in a balansräkning excludes the year's result.
  AND lower(post) NOT LIKE 'övrigt eget kapital%'
  AND period_slut <= make_date($ar, 12, 31)
ORDER BY period_slut DESC, (matt = 'bokslut') DESC, (matt = 'prognos') DESC
LIMIT 1;
