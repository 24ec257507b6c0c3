-- The areas (kommun, län or riket codes) each statistics import brought, and whether it is a
-- workbook's sheet Statistik (then undone with its workbook), for an editor's förbund.
SELECT DISTINCT r.import_id, r.omradeskod, coalesce(i.arbetsbok, false) AS arbetsbok
FROM user_data.statistik_import_rows r JOIN user_data.statistik_imports i USING (import_id)
ORDER BY r.import_id, r.omradeskod;
