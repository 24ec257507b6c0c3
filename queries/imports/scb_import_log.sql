-- The log of SCB imports, latest first.
SELECT import_id, fil, hamtad, importerad, coalesce(importerad_av, '') AS importerad_av, rader,
       angrad, angrad_av
FROM user_data.scb_imports ORDER BY import_id DESC;
