-- The rows of an SCB import (registered as scb_new): every row of the file, so that undoing
-- an earlier import leaves this one's whole.
INSERT INTO user_data.scb_helarsekvivalenter
SELECT omradeskod, omrade, ar, alder, kon, ersattningssystem, helarsekvivalenter,
       befolkning_20_64, andel_procent, manader, $import_id
FROM scb_new;
