-- The new and changed values of a statistics import (registered as statistik_rows).
INSERT INTO user_data.statistik_import_rows
SELECT $import_id, rad, omradeskod, omrade, ar, matt, grupp, varde, enhet, varde_text,
       kalla, utgivare, sida, tabell, senast_uppdaterad
FROM statistik_rows;
