-- Figures two published pages print differently (the newer kept), or left out as unreadable.
SELECT omrade, ar, matt, grupp, behallet, behallet_uppdaterad, annat, annat_uppdaterad, anmarkning
FROM kommunstatistik_avvikelser
ORDER BY matt, ar, omrade;
