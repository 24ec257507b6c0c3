-- The statistics in effect in the import format (the embedded values and the imported ones).
SELECT omradeskod, omrade, ar, matt, grupp, varde, enhet, kalla, utgivare, sida, tabell,
       senast_uppdaterad
FROM kommunstatistik
ORDER BY matt, grupp, ar, omradeskod;
