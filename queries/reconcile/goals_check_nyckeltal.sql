-- Every key figure as printed, with its document's title.
SELECT n.*, d.titel || ' (' || d.utgivare || ')' AS dokument_titel
FROM nyckeltal n JOIN dokument d USING (dokument)
ORDER BY forbund, ar, nyckeltal;
