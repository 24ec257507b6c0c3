-- A förbund's budget lines tied to an insats (data/insats_posts.csv), with the insats's one
-- name (data/insatser.csv): the documents spell some posts differently from year to year.
-- In the order the lines are first printed.
SELECT p.post, p.insats_id, n.namn AS insats
FROM insats_posts p
LEFT JOIN (SELECT insats_id, min(namn) AS namn FROM insatser GROUP BY insats_id) n USING (insats_id)
LEFT JOIN (SELECT forbund, post, min(rad) AS rad FROM budget_lines GROUP BY ALL) b
  ON b.forbund = p.forbund AND b.post = p.post
WHERE p.forbund = $forbund
ORDER BY b.rad NULLS LAST, p.post;
