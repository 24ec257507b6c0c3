-- The participations of registration import $import_id (the frame _registration_rows, the
-- team's code already a pseudonym); whether each counts is set by registration_refresh.
INSERT INTO user_data.registrations
SELECT $import_id, rad, forbund, insats_id, deltagare, kon, aldersgrupp, kommunkod,
       startdatum::DATE, slutdatum::DATE, avslut, false
FROM _registration_rows;
