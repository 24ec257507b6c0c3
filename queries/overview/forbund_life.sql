-- Every förbund's name, short name and years of life (forbund.csv: fran_ar, till_ar, either
-- empty where the documents do not say), to recognise a förbund in an imported file and to
-- refuse a figure for a year it did not exist.
SELECT forbund, kortnamn, fran_ar, till_ar FROM forbund ORDER BY forbund;
