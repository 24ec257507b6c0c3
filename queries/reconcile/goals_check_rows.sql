-- Every row of the balanskravsutredningar and kassaflödesanalyser, with which it is.
SELECT 'balanskrav' AS tabelltyp, * FROM balanskrav
UNION ALL
SELECT 'kassaflode', * FROM kassaflode
ORDER BY tabelltyp, forbund, ar, rad;
