-- Each kommun's contribution to its förbund per year: utfall, else förväntat utfall,
-- else budget; the final figure, with its document.
WITH ranked AS (
    SELECT m.kommunkod AS omradeskod, c.ar, c.belopp, CAST(c.matt AS VARCHAR) AS matt, c.forbund,
           c.dokument, c.avsnitt,
           row_number() OVER (PARTITION BY m.kommunkod, c.ar ORDER BY
               CASE CAST(c.matt AS VARCHAR) WHEN 'utfall' THEN 1 WHEN 'bokslut' THEN 1
                    WHEN 'förväntat utfall' THEN 2 ELSE 3 END) AS pick
    FROM contributions c
    JOIN members m ON m.forbund = c.forbund AND m.medlem = c.medlem
    WHERE m.kommunkod IS NOT NULL AND c.variant = 'slutlig'
)
SELECT omradeskod, ar, belopp, matt, forbund, dokument, avsnitt FROM ranked WHERE pick = 1;
