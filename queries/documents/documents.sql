SELECT dokument, titel, utgivare, ar, beslutad FROM dokument ORDER BY dokument;
