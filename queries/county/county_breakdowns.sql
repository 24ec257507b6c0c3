-- The age groups, kön and ersättningssystem the imported SCB data holds.
SELECT DISTINCT replace(replace(alder, '–', '-'), ' ', '') AS alder, lower(kon) AS kon, ersattningssystem
FROM scb_helarsekvivalenter;
