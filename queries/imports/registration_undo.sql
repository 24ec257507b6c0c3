-- Mark a registration import undone; returns its id, or nothing if it does not exist or is already undone.
UPDATE user_data.registration_imports SET angrad = $nu, angrad_av = $vem
WHERE import_id = $import_id AND angrad IS NULL
RETURNING import_id;
