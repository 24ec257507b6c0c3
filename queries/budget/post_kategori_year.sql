-- The kategori of each post in effect per förbund and year, to refuse an import that would
-- give a line a second kategori (the line would split in two on the pages).
SELECT forbund, ar, post, any_value(kategori::VARCHAR) AS kategori
FROM budget_lines
WHERE variant = 'slutlig'
GROUP BY forbund, ar, post;
