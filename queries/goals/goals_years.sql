-- The förbund and years that have goals, rules (targets) that apply to a year with budget
-- lines, or an årsredovisning's balanskravsutredning.
SELECT forbund, ar FROM goals
UNION SELECT forbund, ar FROM balanskrav
UNION SELECT t.forbund, y.ar
FROM targets t, (SELECT DISTINCT forbund, ar FROM budget_lines) y
WHERE y.forbund = t.forbund AND y.ar >= t.fran_ar AND y.ar <= coalesce(t.till_ar, 9999)
ORDER BY forbund, ar;
