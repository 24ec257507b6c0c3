-- Helårsekvivalenter as a share of the population 20–64 per area and year: SCB imports
-- first, then the known points and the country's series where nothing was imported.
WITH imported AS (
    SELECT h.omradeskod, h.ar, h.andel_procent AS varde,
           'SCB, statistikdatabasen HE0000 (fil ' || i.fil || ', hämtad ' || strftime(i.hamtad, '%Y-%m-%d')
           || CASE WHEN h.manader < 12 THEN ', medel av ' || h.manader || ' månader' ELSE '' END || ')' AS kalla
    FROM user_data.scb_helarsekvivalenter h
    JOIN user_data.scb_imports i USING (import_id)
    WHERE h.ersattningssystem = 'Totalt' AND h.alder LIKE '20%64%' AND lower(h.kon) LIKE 'total%'
),
known AS (
    SELECT omradeskod, ar, CAST(andel_procent AS DOUBLE) AS varde, kalla
    FROM helarsekvivalenter_punkter WHERE andel_procent IS NOT NULL
    UNION ALL
    SELECT '00', ar, CAST(andel_procent AS DOUBLE), kalla FROM helarsekvivalenter_riket_andel
)
SELECT * FROM imported
UNION ALL
SELECT * FROM known k
WHERE NOT EXISTS (SELECT 1 FROM imported i WHERE i.omradeskod = k.omradeskod AND i.ar = k.ar);
