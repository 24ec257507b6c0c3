-- One document's title and publisher (a citation's first part).
SELECT titel, utgivare FROM dokument WHERE dokument = $dokument;
