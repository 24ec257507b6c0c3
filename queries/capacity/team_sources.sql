-- Where the page Teamkapacitet's figures of a year come from, per insats: the staffing and the
-- places (the latest plan at or before the year) and the year's budget lines tied to an insats.
WITH staff AS (
    SELECT * FROM staffing WHERE ar <= $ar QUALIFY ar = max(ar) OVER (PARTITION BY insats_id)
),
places AS (
    SELECT * FROM capacity WHERE ar <= $ar QUALIFY ar = max(ar) OVER (PARTITION BY insats_id)
)
SELECT DISTINCT 'bemanning' AS vad, insats_id, dokument, avsnitt FROM staff
UNION SELECT DISTINCT 'platser', insats_id, dokument, avsnitt FROM places
UNION SELECT DISTINCT 'budget', p.insats_id, b.dokument, b.avsnitt
FROM budget_lines b JOIN insats_posts p ON p.forbund = b.forbund AND p.post = b.post
WHERE b.ar = $ar AND b.variant = 'slutlig' AND b.matt = 'budget'
ORDER BY vad, dokument, avsnitt;
