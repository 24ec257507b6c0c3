-- One SCB import in the log.
INSERT INTO user_data.scb_imports (import_id, fil, sha256, hamtad, importerad, rader, importerad_av)
VALUES ($import_id, $fil, $sha256, $hamtad, $importerad, $rader, $vem);
