-- The registrations in effect (issue 27): the rows the last write to them marked as counting
-- (queries/imports/registration_refresh.sql says which, and why).
CREATE OR REPLACE VIEW registrations AS
SELECT * EXCLUDE (galler) FROM user_data.registrations WHERE galler;

-- How far each insats's registrations reach: the end of the latest period an import in
-- effect covers. A participation without an end date is active up to this day.
CREATE OR REPLACE VIEW registration_reach AS
SELECT p.forbund, p.insats_id, min(p.fran) AS fran, max(p.till) AS till
FROM user_data.registration_periods p
JOIN user_data.registration_imports i ON i.import_id = p.import_id AND i.angrad IS NULL
GROUP BY p.forbund, p.insats_id;
