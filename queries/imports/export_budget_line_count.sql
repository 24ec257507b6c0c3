-- What the export of budget lines (export_budget_lines) would write, without reading it: how
-- many lines, and the longest text (an Excel cell holds 32 767 characters).
SELECT count(*) AS rader,
       coalesce(max(greatest(length(forbund), length(post))), 0) AS langsta_text
FROM budget_lines
WHERE variant = 'slutlig';
