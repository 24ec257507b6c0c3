-- Whether statistics import $import_id is a workbook's sheet Statistik.
SELECT count(*) FROM user_data.statistik_imports WHERE import_id = $import_id AND arbetsbok;
