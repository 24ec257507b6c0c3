-- The id of the next statistics import.
SELECT coalesce(max(import_id), 0) + 1 FROM user_data.statistik_imports;
