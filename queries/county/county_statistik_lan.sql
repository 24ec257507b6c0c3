-- The län whose kommuner have values of a published measure (data/kommunstatistik.csv and imports).
SELECT DISTINCT k.lan_kod
FROM kommunstatistik s JOIN kommuner k ON k.kommunkod = s.omradeskod
WHERE s.matt = $matt AND s.varde IS NOT NULL
ORDER BY k.lan_kod;
