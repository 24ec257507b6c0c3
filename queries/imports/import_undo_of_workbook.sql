-- Mark the sheet Budget of workbook import $import_id undone (nothing if it had none).
UPDATE user_data.budget_imports SET angrad = $nu, angrad_av = $vem
WHERE import_id = $import_id AND layout = 'arbetsbok' AND angrad IS NULL
RETURNING import_id;
