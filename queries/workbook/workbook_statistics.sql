-- The statistics in effect for a förbund's workbook, in the statistics import's format: its
-- län's kommuner, the län and the country (what Länsjämförelse sets the förbund against).
SELECT omradeskod, omrade, ar, matt, grupp, varde, enhet, kalla, utgivare, sida, tabell,
       strftime(senast_uppdaterad, '%Y-%m-%d') AS senast_uppdaterad
FROM kommunstatistik
WHERE omradeskod IN ('00', $lan)
   OR omradeskod IN (SELECT kommunkod FROM kommuner WHERE lan_kod = $lan)
ORDER BY matt, grupp, ar, omradeskod;
