-- Every key figure as printed, with its document's title.
SELECT n.*, coalesce(d.titel || ' (' || d.utgivare || ')', n.dokument) AS dokument_titel
FROM nyckeltal n LEFT JOIN dokument d USING (dokument)  -- a workbook's figures name their own document
ORDER BY forbund, ar, nyckeltal;
