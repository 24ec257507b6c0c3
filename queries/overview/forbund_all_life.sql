-- Every förbund's years of existence and the förbund that took it over.
SELECT forbund, fran_ar, till_ar, ersatt_av FROM forbund ORDER BY forbund;
