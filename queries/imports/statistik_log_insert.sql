-- One statistics import in the log (arbetsbok: the sheet Statistik of a workbook's import).
INSERT INTO user_data.statistik_imports
    (import_id, fil, sha256, importerad, importerad_av, rader_nya, rader_ersatta, rader_oforandrade,
     arbetsbok)
VALUES ($import_id, $fil, $sha256, $importerad, $vem, $nya, $ersatta, $oforandrade, $arbetsbok);
