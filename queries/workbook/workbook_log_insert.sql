-- One workbook import in the log.
INSERT INTO user_data.workbook_imports
VALUES ($import_id, $fil, $sha256, $blad, $importerad, $vem, $nya, $ersatta, $oforandrade, NULL, NULL);
