-- The log entry of a registration import (issue 27).
INSERT INTO user_data.registration_imports
    (import_id, fil, sha256, forbund, period_fran, period_till, importerad, importerad_av, rader, rader_ersatta)
VALUES ($import_id, $fil, $sha256, $forbund, $fran, $till, $importerad, $vem, $rader, $ersatta);
