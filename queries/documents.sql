SELECT dokument, titel, utgivare, ar FROM dokument ORDER BY dokument;
