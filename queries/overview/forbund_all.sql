-- Every förbund in the data, with or without figures, and its years of existence.
SELECT forbund, fran_ar, till_ar FROM forbund ORDER BY forbund;
