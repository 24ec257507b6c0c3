-- Which registrations count (issue 27), recomputed in the transaction of every write to them
-- (an import, its undo, a deletion), so that the view `registrations` is a plain filter.
--
-- A row counts while its import is not undone, unless
-- - a newer import (not undone) of the same insats covers the row's start date with its period
--   and does not give the same participation (insats, participant, start date): the newer list
--   replaces the older for that period, and a participation it leaves out is gone; or
-- - another import gives the same participation, from a period that ends later (it knows the
--   participation's end), or the same period and newer.
UPDATE user_data.registrations SET galler = (rowid IN (
    SELECT rid FROM (
        WITH live AS (
            SELECT r.rowid AS rid, r.import_id, r.forbund, r.insats_id, r.deltagare, r.startdatum,
                   i.period_till
            FROM user_data.registrations r
            JOIN user_data.registration_imports i USING (import_id)
            WHERE i.angrad IS NULL
        ),
        live_periods AS (
            SELECT p.* FROM user_data.registration_periods p
            JOIN user_data.registration_imports j USING (import_id)
            WHERE j.angrad IS NULL
        ),
        replaced AS (
            SELECT l.rid FROM live l
            JOIN live_periods p
              ON p.forbund = l.forbund AND p.insats_id = l.insats_id AND p.import_id > l.import_id
             AND l.startdatum BETWEEN p.fran AND p.till
            ANTI JOIN live m
              ON m.import_id = p.import_id AND m.forbund = l.forbund AND m.insats_id = l.insats_id
             AND m.deltagare = l.deltagare AND m.startdatum = l.startdatum
        )
        SELECT rid FROM live ANTI JOIN replaced USING (rid)
        QUALIFY row_number() OVER (
            PARTITION BY forbund, insats_id, deltagare, startdatum ORDER BY period_till DESC, import_id DESC
        ) = 1
    )
));
