-- Each insats's planned places: the latest plan printed (or imported) at or before $ar, the
-- measure that best says how many the team takes at a time (as team_plans chooses).
WITH latest AS (
    SELECT * FROM capacity
    WHERE ar <= $ar
    QUALIFY ar = max(ar) OVER (PARTITION BY insats_id)
)
SELECT insats_id,
       arg_min(varde_min, CASE matt WHEN 'planerade samtidiga deltagare' THEN 1 WHEN 'årsplatser' THEN 2
                                    WHEN 'finansierade platser' THEN 3 ELSE 4 END) AS platser_min,
       arg_min(varde_max, CASE matt WHEN 'planerade samtidiga deltagare' THEN 1 WHEN 'årsplatser' THEN 2
                                    WHEN 'finansierade platser' THEN 3 ELSE 4 END) AS platser_max
FROM latest
GROUP BY insats_id;
