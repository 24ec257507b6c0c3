SELECT forbund, kortnamn, fran_ar, till_ar, ersatt_av, dokument, avsnitt
FROM forbund WHERE forbund = $forbund;
