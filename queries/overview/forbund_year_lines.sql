-- How many budget lines a förbund has for a year.
SELECT count(*) AS rader FROM budget_lines WHERE forbund = $forbund AND ar = $ar;
