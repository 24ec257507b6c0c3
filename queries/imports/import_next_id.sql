SELECT coalesce(max(import_id), 0) + 1 FROM user_data.budget_imports;
