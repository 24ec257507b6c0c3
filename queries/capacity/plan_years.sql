-- Years with a team's staffing, places or a budget tied to an insats.
SELECT DISTINCT ar FROM (
    SELECT ar FROM staffing UNION SELECT ar FROM capacity
    UNION SELECT b.ar FROM budget_lines b JOIN insats_posts p ON p.forbund = b.forbund AND p.post = b.post
    WHERE b.matt = 'budget'
) ORDER BY ar;
