-- A förbund's budget lines that are tied to an insats, in the order they are printed, with
-- the insats's own name: one insats has one name wherever it is shown, however a document
-- spelled its budget line.
SELECT p.post, i.namn AS insats
FROM insats_posts p
JOIN insatser i ON i.insats_id = p.insats_id
JOIN (SELECT forbund, post, min(rad) AS rad FROM budget_lines GROUP BY ALL) b
  ON b.forbund = p.forbund AND b.post = p.post
WHERE p.forbund = $forbund
ORDER BY b.rad;
