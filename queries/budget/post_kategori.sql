-- The kategori of each post a förbund already has (its latest), for a delårsrapport's table
-- that does not say.
SELECT post, arg_max(kategori::VARCHAR, ar) AS kategori
FROM budget_lines
WHERE forbund = $forbund
GROUP BY post;
