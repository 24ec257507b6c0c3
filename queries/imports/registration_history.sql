-- The log of registration imports, latest first.
SELECT import_id, importerad, importerad_av, fil, sha256, forbund, period_fran, period_till,
       rader, rader_ersatta, angrad, angrad_av
FROM user_data.registration_imports
ORDER BY import_id DESC;
