-- The next import's number: one series for budget and workbook imports, so that `undo N`
-- names one import.
SELECT greatest(
    (SELECT coalesce(max(import_id), 0) FROM user_data.budget_imports),
    (SELECT coalesce(max(import_id), 0) FROM user_data.workbook_imports)
) + 1;
