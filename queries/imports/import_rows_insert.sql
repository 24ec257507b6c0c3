-- The new and changed rows of an import (registered as import_rows).
INSERT INTO user_data.budget_import_rows
SELECT $import_id, rad, forbund, ar, period_slut, post, kategori, matt, belopp FROM import_rows;
