-- A förbund's budget lines tied to an insats (data/insats_posts.csv), with the insats's one
-- name (data/insatser.csv): the documents spell some posts differently from year to year.
SELECT p.post, p.insats_id, n.namn AS insats
FROM insats_posts p
LEFT JOIN (SELECT insats_id, min(namn) AS namn FROM insatser GROUP BY insats_id) n USING (insats_id)
WHERE p.forbund = $forbund
ORDER BY p.post;
