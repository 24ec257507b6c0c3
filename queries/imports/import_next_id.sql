-- The next import's number: one series for every import (budget, statistics, SCB, workbook,
-- registrations),
-- so that `undo N` names one import and a workbook's parts have its number in every log.
SELECT greatest(
    (SELECT coalesce(max(import_id), 0) FROM user_data.budget_imports),
    (SELECT coalesce(max(import_id), 0) FROM user_data.statistik_imports),
    (SELECT coalesce(max(import_id), 0) FROM user_data.scb_imports),
    (SELECT coalesce(max(import_id), 0) FROM user_data.workbook_imports),
    (SELECT coalesce(max(import_id), 0) FROM user_data.registration_imports)
) + 1;
