-- The förbund of each goal, in effect or brought by any workbook (undone or not), for an
-- editor's förbund: a goal that moved between förbund gives both.
SELECT DISTINCT mal_id, forbund FROM (
    SELECT mal_id, forbund FROM goals
    UNION ALL SELECT mal_id, forbund FROM user_data.wb_goals
)
WHERE mal_id IN (SELECT unnest($mal_ids::VARCHAR[]));
