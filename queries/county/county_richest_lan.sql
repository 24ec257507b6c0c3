-- The län with the most published values for its kommuner.
SELECT k.lan_kod
FROM kommunstatistik s JOIN kommuner k ON k.kommunkod = s.omradeskod
GROUP BY k.lan_kod ORDER BY count(*) DESC, k.lan_kod LIMIT 1;
