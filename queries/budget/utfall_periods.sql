-- The dates a förbund's utfall runs to in a year, latest first.
SELECT DISTINCT period_slut
FROM budget_lines
WHERE forbund = $forbund AND ar = $ar AND matt = 'utfall' AND variant = 'slutlig'
ORDER BY period_slut DESC;
