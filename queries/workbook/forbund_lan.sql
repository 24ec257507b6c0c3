-- The län a förbund lies in: the one its workbook gave (not undone), else the län most of
-- its kommun members lie in.
SELECT coalesce(
    (SELECT any_value(lan_kod) FROM imported_forbund WHERE forbund = $forbund AND lan_kod IS NOT NULL),
    (SELECT mode(k.lan_kod) FROM members m JOIN kommuner k USING (kommunkod) WHERE m.forbund = $forbund)
);
