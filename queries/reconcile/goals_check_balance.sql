-- Balance sheets as printed (bokslut): every post of an årsredovisning's balansräkning.
SELECT forbund, ar, post, belopp, dokument, avsnitt
FROM balance_items
WHERE matt = 'bokslut' AND variant = 'slutlig' AND avsnitt LIKE '%Balansräkning%';
