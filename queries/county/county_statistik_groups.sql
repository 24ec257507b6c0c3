-- The groups (totalt, kvinnor, män …) each published measure has, by how many rows.
SELECT matt, grupp, count(*) AS rader FROM kommunstatistik GROUP BY ALL ORDER BY matt, grupp;
