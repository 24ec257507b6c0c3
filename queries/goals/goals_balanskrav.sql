-- A förbund's balanskravsutredning, row by row as printed.
SELECT * FROM balanskrav WHERE forbund = $forbund ORDER BY ar DESC, rad;
