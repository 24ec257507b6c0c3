-- The age groups, kön and ersättningssystem the imported SCB data holds.
SELECT DISTINCT replace(replace(alder, '–', '-'), ' ', '') AS alder, lower(kon) AS kon, ersattningssystem
FROM user_data.scb_helarsekvivalenter;
