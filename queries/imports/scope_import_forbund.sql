-- The förbund each import of budget lines, of a workbook or of registrations (one series of numbers) touches, for
-- an editor's förbund (README: Editors): its budget lines, every workbook table's rows and the
-- goals of the outcomes it recorded. A goal no table names gives NULL: an unknown förbund, which
-- only an editor of every förbund may change. tests/app_pages/test_scope.py checks that every
-- workbook table (store/overlays.py) is here.
WITH goal_forbund AS (
    SELECT mal_id, forbund FROM goals
    UNION SELECT mal_id, forbund FROM user_data.wb_goals
)
SELECT DISTINCT import_id, forbund FROM (
    SELECT import_id, forbund FROM user_data.budget_import_rows
    UNION ALL SELECT import_id, forbund FROM user_data.wb_forbund
    UNION ALL SELECT import_id, forbund FROM user_data.wb_members
    UNION ALL SELECT import_id, forbund FROM user_data.wb_contributions
    UNION ALL SELECT import_id, forbund FROM user_data.wb_calendar
    UNION ALL SELECT import_id, forbund FROM user_data.wb_styrelse
    UNION ALL SELECT import_id, forbund FROM user_data.wb_nyckeltal
    UNION ALL SELECT import_id, forbund FROM user_data.wb_targets
    UNION ALL SELECT import_id, forbund FROM user_data.wb_goals
    UNION ALL SELECT import_id, forbund FROM user_data.wb_insatser
    UNION ALL SELECT import_id, forbund FROM user_data.wb_staffing
    UNION ALL SELECT import_id, forbund FROM user_data.wb_capacity
    UNION ALL SELECT import_id, forbund FROM user_data.wb_participants
    UNION ALL SELECT import_id, forbund FROM user_data.wb_balance_items
    UNION ALL SELECT import_id, forbund FROM user_data.wb_balanskrav
    UNION ALL SELECT import_id, forbund FROM user_data.wb_kassaflode
    UNION ALL SELECT import_id, forbund FROM user_data.wb_indikatorer
    -- a registration list's insatser (issue 27): kept when its rows are deleted
    UNION ALL SELECT import_id, forbund FROM user_data.registration_periods
    UNION ALL
    SELECT o.import_id, g.forbund
    FROM user_data.goal_outcomes o LEFT JOIN goal_forbund g USING (mal_id)
    WHERE o.import_id IS NOT NULL
)
ORDER BY import_id, forbund;
