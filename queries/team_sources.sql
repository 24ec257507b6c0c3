-- The documents and sections behind a year's team table for the given insatser: their
-- staffing and places (the latest plan at or before the year, as team_plans.sql takes them)
-- and the budget lines tied to them by insats_posts.
WITH latest_staff AS (
    SELECT * FROM staffing WHERE ar <= $ar QUALIFY ar = max(ar) OVER (PARTITION BY insats_id)
),
latest_capacity AS (
    SELECT * FROM capacity WHERE ar <= $ar QUALIFY ar = max(ar) OVER (PARTITION BY insats_id)
)
SELECT DISTINCT dokument, avsnitt FROM (
    SELECT dokument, avsnitt FROM latest_staff WHERE list_contains($insatser, insats_id)
    UNION ALL
    SELECT dokument, avsnitt FROM latest_capacity WHERE list_contains($insatser, insats_id)
    UNION ALL
    SELECT b.dokument, b.avsnitt
    FROM budget_lines b JOIN insats_posts p ON p.forbund = b.forbund AND p.post = b.post
    WHERE b.ar = $ar AND b.variant = 'slutlig' AND b.matt = 'budget' AND list_contains($insatser, p.insats_id)
)
ORDER BY dokument, avsnitt;
