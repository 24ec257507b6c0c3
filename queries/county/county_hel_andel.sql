-- Helårsekvivalenter as a share of the population per area and year, for one age group,
-- kön and ersättningssystem: SCB imports first; for 20–64, both kön and all systems, the
-- known points and the country's series where nothing was imported.
WITH imported AS (
    SELECT h.omradeskod, h.ar,
           CASE WHEN h.ersattningssystem = 'Totalt' AND h.andel_procent IS NOT NULL THEN h.andel_procent
                ELSE h.helarsekvivalenter / nullif(h.befolkning_20_64, 0) * 100 END AS varde,
           'SCB, statistikdatabasen HE0000 (fil ' || h.fil || ', hämtad ' || strftime(h.hamtad, '%Y-%m-%d')
           || CASE WHEN h.manader < 12 THEN ', medel av ' || h.manader || ' månader' ELSE '' END || ')' AS kalla
    FROM scb_helarsekvivalenter h
    WHERE h.ersattningssystem = $system
      AND replace(replace(h.alder, '–', '-'), ' ', '') LIKE $alder || '%'
      AND lower(h.kon) LIKE $kon || '%'
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
WHERE $system = 'Totalt' AND $alder = '20-64' AND $kon = 'total'
  AND NOT EXISTS (SELECT 1 FROM imported i WHERE i.omradeskod = k.omradeskod AND i.ar = k.ar);
