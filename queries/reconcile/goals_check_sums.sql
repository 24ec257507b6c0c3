-- The documents' budget lines (not imports) summed per förbund, year, measure and kategori,
-- and the contributions per förbund, year and measure (final figures).
SELECT 'rader' AS kalla, forbund, ar, CAST(matt AS VARCHAR) AS matt, CAST(kategori AS VARCHAR) AS kategori,
       sum(belopp) AS belopp
FROM embedded.budget_lines WHERE variant = 'slutlig' GROUP BY ALL
UNION ALL
SELECT 'bidrag', forbund, ar, CAST(matt AS VARCHAR), 'intäkt', sum(belopp)
FROM contributions WHERE variant = 'slutlig' GROUP BY ALL;
