-- Which logs import $import_id is in, a workbook first (its parts are in the other logs too,
-- under its number). Before the one series (issue 25), statistics and SCB imports were
-- numbered apart from budget imports, so an older number may be in more than one log.
SELECT kind FROM (
    SELECT 1 AS o, 'arbetsbok' AS kind FROM user_data.workbook_imports WHERE import_id = $import_id
        -- (the insatser a registration list created stand in the workbook log under its number)
        AND import_id NOT IN (SELECT import_id FROM user_data.registration_imports)
    UNION ALL SELECT 2, 'budget' FROM user_data.budget_imports
        WHERE import_id = $import_id AND layout <> 'arbetsbok'
    UNION ALL SELECT 3, 'statistik' FROM user_data.statistik_imports
        WHERE import_id = $import_id AND NOT coalesce(arbetsbok, false)
    UNION ALL SELECT 4, 'scb' FROM user_data.scb_imports WHERE import_id = $import_id
    UNION ALL SELECT 5, 'deltagare' FROM user_data.registration_imports WHERE import_id = $import_id
) ORDER BY o;
