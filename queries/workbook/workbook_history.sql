-- The log of workbook imports, latest first.
SELECT import_id, importerad, importerad_av, fil, blad, sha256,
       rader_nya, rader_ersatta, rader_oforandrade, angrad, angrad_av
FROM user_data.workbook_imports
ORDER BY import_id DESC;
