-- Mark the sheet Statistik of workbook import $import_id undone (nothing if it had none).
UPDATE user_data.statistik_imports SET angrad = $nu, angrad_av = $vem
WHERE import_id = $import_id AND arbetsbok AND angrad IS NULL
RETURNING import_id;
