-- The log of workbook imports, latest first.
SELECT import_id, importerad, importerad_av, fil, blad, sha256,
       rader_nya, rader_ersatta, rader_oforandrade, angrad, angrad_av
FROM user_data.workbook_imports
-- the insatser a registration list created are undone with it, in its own log
WHERE import_id NOT IN (SELECT import_id FROM user_data.registration_imports)
ORDER BY import_id DESC;
