-- How many budget lines the export writes (export_budget_lines), without reading them.
SELECT count(*) AS rader FROM budget_lines WHERE variant = 'slutlig';
