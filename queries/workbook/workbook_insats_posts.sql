-- The budget posts that pay for each of these förbund's insatser, as the sheet Insatser
-- writes them ("; " between them).
SELECT forbund, insats_id, string_agg(post, '; ' ORDER BY post) AS budgetposter
FROM insats_posts
WHERE forbund IN (SELECT unnest($forbund))
GROUP BY forbund, insats_id;
