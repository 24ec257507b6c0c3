-- The number of helårsekvivalenter per area and year (imported, else known points).
WITH imported AS (
    SELECT h.omradeskod, h.ar, h.helarsekvivalenter,
           'SCB HE0000 (fil ' || h.fil || ', hämtad ' || strftime(h.hamtad, '%Y-%m-%d') || ')' AS kalla_hel
    FROM scb_helarsekvivalenter h
    WHERE h.ersattningssystem = 'Totalt' AND h.alder LIKE '20%64%' AND lower(h.kon) LIKE 'total%'
)
SELECT * FROM imported
UNION ALL
SELECT omradeskod, ar, helarsekvivalenter, kalla FROM helarsekvivalenter_punkter p
WHERE helarsekvivalenter IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM imported i WHERE i.omradeskod = p.omradeskod AND i.ar = p.ar);
