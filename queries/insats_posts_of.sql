-- A förbund's budget lines that are tied to an insats, in the order they are printed.
SELECT p.post
FROM insats_posts p
JOIN (SELECT forbund, post, min(rad) AS rad FROM budget_lines GROUP BY ALL) b USING (forbund, post)
WHERE p.forbund = $forbund
ORDER BY b.rad;
