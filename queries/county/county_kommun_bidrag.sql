-- A kommun's contribution per year, all measures the documents give.
SELECT c.ar AS "År", c.forbund AS "Förbund", CAST(c.matt AS VARCHAR) AS "Mått", c.belopp AS "Belopp",
       c.dokument, c.avsnitt
FROM contributions c
JOIN members m ON m.forbund = c.forbund AND m.medlem = c.medlem
WHERE m.kommunkod = $kommunkod AND c.variant = 'slutlig'
ORDER BY c.ar, c.matt;
