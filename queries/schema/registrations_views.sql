-- The registrations in effect (issue 27). A row counts while its import is not undone, no
-- newer import (not undone) of the same insats covers the row's start date with its period
-- (the newer list replaces the older for that period), and no newer import gives the same
-- participation (insats, participant, start date) again.
CREATE OR REPLACE VIEW registrations AS
SELECT * EXCLUDE (n) FROM (
    SELECT r.*, row_number() OVER (
               PARTITION BY r.forbund, r.insats_id, r.deltagare, r.startdatum ORDER BY r.import_id DESC
           ) AS n
    FROM user_data.registrations r
    JOIN user_data.registration_imports i USING (import_id)
    WHERE i.angrad IS NULL
      AND NOT EXISTS (
          SELECT 1 FROM user_data.registration_periods p
          JOIN user_data.registration_imports j ON j.import_id = p.import_id AND j.angrad IS NULL
          WHERE p.import_id > r.import_id AND p.forbund = r.forbund AND p.insats_id = r.insats_id
            AND r.startdatum BETWEEN p.fran AND p.till
      )
) WHERE n = 1;

-- How far each insats's registrations reach: the end of the latest period an import in
-- effect covers. A participation without an end date is active up to this day.
CREATE OR REPLACE VIEW registration_reach AS
SELECT p.forbund, p.insats_id, min(p.fran) AS fran, max(p.till) AS till
FROM user_data.registration_periods p
JOIN user_data.registration_imports i ON i.import_id = p.import_id AND i.angrad IS NULL
GROUP BY p.forbund, p.insats_id;
