-- One statistics import in the log.
INSERT INTO user_data.statistik_imports
VALUES ($import_id, $fil, $sha256, $importerad, $vem, $nya, $ersatta, $oforandrade, NULL, NULL);
