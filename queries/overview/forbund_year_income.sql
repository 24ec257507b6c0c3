-- How many income lines (intäkt) a förbund's budget or prognos has for a year.
SELECT count(*) AS rader FROM budget_lines
WHERE forbund = $forbund AND ar = $ar AND kategori = 'intäkt' AND matt IN ('budget', 'prognos');
