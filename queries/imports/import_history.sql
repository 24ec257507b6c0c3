-- The log of budget imports, latest first.
SELECT import_id, importerad, importerad_av, fil, layout, sha256,
       rader_nya, rader_ersatta, rader_oforandrade, angrad, angrad_av
FROM user_data.budget_imports
ORDER BY import_id DESC;
