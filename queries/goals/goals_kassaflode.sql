-- A förbund's kassaflödesanalys, row by row as printed, every year it prints.
SELECT * FROM kassaflode WHERE forbund = $forbund ORDER BY rad, ar DESC;
