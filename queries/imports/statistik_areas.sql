-- The areas an imported statistics row may name: the county's kommuner, the county and the country.
SELECT kommunkod AS omradeskod, kommun AS omrade FROM kommuner
UNION ALL SELECT '19', 'Västmanlands län'
UNION ALL SELECT '00', 'Riket';
