INSERT INTO user_data.budget_imports
    (import_id, fil, sha256, layout, importerad, importerad_av, rader_nya, rader_ersatta, rader_oforandrade)
VALUES ($import_id, $fil, $sha256, $layout, $importerad, $vem, $nya, $ersatta, $oforandrade);
