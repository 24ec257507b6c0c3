-- The ranking 004 prints for a year and age group.
SELECT lage, ordning, kommun, dokument, avsnitt
FROM helarsekvivalenter_rangordning
WHERE ar = $ar AND replace(replace(aldersgrupp, '–', '-'), ' ', '') = $alder
ORDER BY lage, ordning;
