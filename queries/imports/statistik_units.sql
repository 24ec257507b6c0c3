-- The unit each published measure has in the data in effect (an import must use the same).
SELECT matt, any_value(enhet) AS enhet FROM kommunstatistik GROUP BY matt;
