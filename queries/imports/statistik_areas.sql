-- The kommuner an imported statistics row may name (the län and the country are added in Python).
SELECT kommunkod AS omradeskod, kommun AS omrade FROM kommuner;
