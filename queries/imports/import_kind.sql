-- Which log import $import_id is in, a workbook first (its parts are in the other logs too).
-- Before the one series, a budget and a statistics or SCB import could share a number: the
-- budget import is then the one meant, as `undo N` always meant.
SELECT kind FROM (
    SELECT 1 AS o, 'arbetsbok' AS kind FROM user_data.workbook_imports WHERE import_id = $import_id
    UNION ALL SELECT 2, 'budget' FROM user_data.budget_imports WHERE import_id = $import_id
    UNION ALL SELECT 3, 'statistik' FROM user_data.statistik_imports WHERE import_id = $import_id
    UNION ALL SELECT 4, 'scb' FROM user_data.scb_imports WHERE import_id = $import_id
) ORDER BY o LIMIT 1;
