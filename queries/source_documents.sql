-- The source documents with everything their cover prints (the page Källdokument).
SELECT dokument, titel, utgivare, ar, beslutad FROM dokument ORDER BY dokument;
