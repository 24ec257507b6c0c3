-- The new and changed rows of an import (registered as import_rows), with the source a row
-- names (NULL: the file).
INSERT INTO user_data.budget_import_rows
    (import_id, rad, forbund, ar, period_slut, post, kategori, matt, belopp, dokument, avsnitt)
SELECT $import_id, rad, forbund, ar, period_slut, post, kategori, matt, belopp, dokument, avsnitt
FROM import_rows;
